import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useListParams } from '@/components/data/useListParams';
import { Loading } from '@/components/feedback/Loading';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { PageHeader } from '@/components/layout/PageHeader';
import { Card } from '@/components/ui/card';
import { useMe } from '@/features/auth/api/auth';
import { useTeam } from '@/features/team/api/members';
import { useLiveUpdates } from '@/lib/live';
import {
  isConversationFilter,
  oldestFirst,
  useConversation,
  useMarkConversationRead,
  useMessages,
  type ConversationFilter,
} from './api/conversations';
import { Composer } from './components/Composer';
import { ConversationHeader } from './components/ConversationHeader';
import { ConversationList } from './components/ConversationList';
import { CustomerPanel } from './components/CustomerPanel';
import { LiveIndicator } from './components/LiveIndicator';
import { MessageList } from './components/MessageList';
import { NotesPanel } from './components/NotesPanel';

const NO_SORTS: readonly never[] = [];

function ConversationView({ workspaceId, conversationId }: { workspaceId: string; conversationId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const team = useTeam(workspaceId);
  const conversation = useConversation(workspaceId, conversationId);
  const messages = useMessages(workspaceId, conversationId);
  const { mutate: markRead } = useMarkConversationRead(workspaceId, conversationId);
  const unread = conversation.data?.unreadCount ?? 0;
  const shown = messages.isSuccess;

  const authorNames = useMemo(
    () => new Map((team.data?.items ?? []).map((member) => [member.userId, member.name] as const)),
    [team.data],
  );
  const thread = useMemo(() => oldestFirst(messages.data?.pages), [messages.data]);

  // Read as soon as the operator sees the messages, and again when more arrive while it is open.
  useEffect(() => {
    if (shown && unread > 0) markRead();
  }, [shown, unread, markRead]);

  if (conversation.isError) {
    return (
      <div className="min-w-0 lg:col-span-1 xl:col-span-2">
        <ProblemAlert error={conversation.error} message={t('inbox.thread.loadFailed')} />
      </div>
    );
  }
  if (!conversation.data || !me.data) {
    return (
      <Card className="min-w-0 p-5">
        <Loading />
      </Card>
    );
  }

  const data = conversation.data;
  return (
    <>
      <Card aria-label={t('inbox.thread.label', { name: data.customer.name })} className="flex min-w-0 flex-col self-start">
        <ConversationHeader
          workspaceId={workspaceId}
          conversation={data}
          me={{ id: me.data.user.id, name: me.data.user.name }}
          members={team.data?.items ?? []}
        />
        {messages.isError ? (
          <ProblemAlert error={messages.error} message={t('inbox.thread.messagesFailed')} className="m-4" />
        ) : messages.data ? (
          <MessageList
            workspaceId={workspaceId}
            conversationId={data.id}
            messages={thread}
            authorNames={authorNames}
            hasOlder={messages.hasNextPage}
            loadingOlder={messages.isFetchingNextPage}
            onLoadOlder={() => void messages.fetchNextPage()}
          />
        ) : (
          <div className="px-4 py-3">
            <Loading />
          </div>
        )}
        <Composer workspaceId={workspaceId} conversation={data} />
      </Card>
      <aside
        aria-label={t('inbox.side.label')}
        className="flex min-w-0 flex-col gap-4 lg:col-start-2 xl:col-start-auto"
      >
        <CustomerPanel workspaceId={workspaceId} conversation={data} />
        <NotesPanel workspaceId={workspaceId} conversationId={data.id} />
      </aside>
    </>
  );
}

/** `/w/:workspaceId/inbox[/:conversationId]`: the team's WhatsApp conversations, updated live. */
export function InboxPage() {
  const { t } = useTranslation();
  const { workspaceId = '', conversationId } = useParams();
  const live = useLiveUpdates(workspaceId);
  const list = useListParams(NO_SORTS, () => 'asc');
  const filterParam = list.get('filter');
  const filter: ConversationFilter = isConversationFilter(filterParam) ? filterParam : 'open';

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('inbox.title')} description={t('inbox.subtitle')} actions={<LiveIndicator status={live} />} />
      <div className="grid items-start gap-4 lg:grid-cols-[18rem_minmax(0,1fr)] xl:grid-cols-[17rem_minmax(0,1fr)_15rem]">
        <ConversationList
          workspaceId={workspaceId}
          filter={filter}
          search={list.get('search')}
          page={list.page}
          selectedId={conversationId}
          onFilterChange={(next) => list.update({ filter: next === 'open' ? undefined : next })}
          onSearchChange={(search) => list.update({ search })}
          onPageChange={list.setPage}
        />
        {conversationId ? (
          <ConversationView key={conversationId} workspaceId={workspaceId} conversationId={conversationId} />
        ) : (
          <Card className="flex min-h-60 items-center justify-center p-8 text-center xl:col-span-2">
            <div className="flex max-w-sm flex-col gap-1">
              <p className="font-medium text-slate-900">{t('inbox.none.title')}</p>
              <p className="text-sm text-slate-600">{t('inbox.none.description')}</p>
            </div>
          </Card>
        )}
      </div>
    </div>
  );
}
