import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Pagination } from '@/components/data/Pagination';
import { DebouncedInput } from '@/components/form/DebouncedInput';
import { Loading } from '@/components/feedback/Loading';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ToggleGroup, ToggleGroupItem } from '@/components/ui/toggle-group';
import { workspaceSectionPath } from '@/features/workspaces/workspaceNav';
import { cn } from '@/lib/cn';
import { PAGE_SIZE } from '@/lib/list';
import {
  CONVERSATION_FILTERS,
  isConversationFilter,
  useConversations,
  type Conversation,
  type ConversationFilter,
} from '../api/conversations';
import { formatMessageTime } from '../messageTime';

type ConversationListProps = {
  workspaceId: string;
  filter: ConversationFilter;
  search: string;
  page: number;
  selectedId: string | undefined;
  onFilterChange: (filter: ConversationFilter) => void;
  onSearchChange: (search: string) => void;
  onPageChange: (page: number) => void;
};

function ConversationItem({
  conversation,
  to,
  selected,
}: {
  conversation: Conversation;
  to: string;
  selected: boolean;
}) {
  const { t, i18n } = useTranslation();
  const unread = conversation.unreadCount > 0;
  return (
    <li>
      <Link
        to={to}
        aria-current={selected ? 'page' : undefined}
        className={cn(
          'flex flex-col gap-0.5 border-b border-slate-100 px-4 py-3 text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-600',
          selected && 'bg-brand-50 hover:bg-brand-50',
        )}
      >
        <span className="flex items-center gap-2">
          <span className={cn('min-w-0 flex-1 truncate text-slate-900', unread ? 'font-semibold' : 'font-medium')}>
            {conversation.customer.name}
          </span>
          {conversation.lastMessageAt && (
            <time dateTime={conversation.lastMessageAt} className="shrink-0 text-xs text-slate-500">
              {formatMessageTime(conversation.lastMessageAt, i18n.resolvedLanguage ?? 'en')}
            </time>
          )}
        </span>
        <span className="flex items-center gap-2">
          <span className={cn('min-w-0 flex-1 truncate', unread ? 'text-slate-800' : 'text-slate-500')}>
            {conversation.lastMessagePreview}
          </span>
          {unread && (
            <span className="inline-flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full bg-brand-600 px-1.5 text-xs font-semibold text-white">
              <span aria-hidden="true">{conversation.unreadCount}</span>
              <span className="sr-only">{t('inbox.list.unread', { n: conversation.unreadCount })}</span>
            </span>
          )}
        </span>
        <span className="flex flex-wrap gap-1 pt-0.5">
          {conversation.sandbox && <Badge tone="warning">{t('inbox.sandbox')}</Badge>}
          {conversation.mode === 'human' && <Badge>{t('inbox.modes.human')}</Badge>}
          {conversation.status === 'resolved' && <Badge>{t('inbox.statuses.resolved')}</Badge>}
          {conversation.customer.blocked && (
            <Badge tone="danger" dot>
              {t('inbox.customer.blocked')}
            </Badge>
          )}
        </span>
      </Link>
    </li>
  );
}

/** The conversations of one filter, most recent first, with a search over names, phones and messages. */
export function ConversationList({
  workspaceId,
  filter,
  search,
  page,
  selectedId,
  onFilterChange,
  onSearchChange,
  onPageChange,
}: ConversationListProps) {
  const { t } = useTranslation();
  const { search: queryString } = useLocation();
  const conversations = useConversations(workspaceId, { filter, search, page, limit: PAGE_SIZE });
  const base = workspaceSectionPath(workspaceId, 'inbox');

  return (
    <Card className="flex min-w-0 flex-col self-start">
      <div role="search" aria-label={t('inbox.list.filters')} className="flex flex-col gap-3 border-b border-slate-100 p-3">
        <ToggleGroup
          aria-label={t('inbox.list.show')}
          value={filter}
          onValueChange={(value) => isConversationFilter(value) && onFilterChange(value)}
          className="flex flex-wrap gap-0.5"
        >
          {CONVERSATION_FILTERS.map((option) => (
            <ToggleGroupItem key={option} value={option}>
              {t(`inbox.filters.${option}`)}
            </ToggleGroupItem>
          ))}
        </ToggleGroup>
        <DebouncedInput
          type="search"
          aria-label={t('inbox.list.search')}
          placeholder={t('inbox.list.searchPlaceholder')}
          value={search}
          onValueChange={onSearchChange}
        />
      </div>
      {conversations.isError ? (
        <ProblemAlert error={conversations.error} message={t('inbox.list.loadFailed')} className="m-3" />
      ) : conversations.data ? (
        <div aria-busy={conversations.isPlaceholderData}>
          {conversations.data.items.length === 0 ? (
            <p className="px-4 py-8 text-center text-sm text-slate-500">{t('inbox.list.empty')}</p>
          ) : (
            <ul aria-label={t('inbox.list.label')}>
              {conversations.data.items.map((conversation) => (
                <ConversationItem
                  key={conversation.id}
                  conversation={conversation}
                  to={`${base}/${encodeURIComponent(conversation.id)}${queryString}`}
                  selected={conversation.id === selectedId}
                />
              ))}
            </ul>
          )}
          {conversations.data.total > PAGE_SIZE && (
            <Pagination
              label={t('inbox.list.pagination')}
              page={page}
              limit={PAGE_SIZE}
              total={conversations.data.total}
              onPageChange={onPageChange}
            />
          )}
        </div>
      ) : (
        <div className="px-4 py-3">
          <Loading />
        </div>
      )}
    </Card>
  );
}
