import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import type { Member } from '@/features/team/api/members';
import {
  useAssignConversation,
  useReopenConversation,
  useResolveConversation,
  useSetConversationMode,
  type Conversation,
} from '../api/conversations';

type ConversationHeaderProps = {
  workspaceId: string;
  conversation: Conversation;
  me: { id: string; name: string };
  /** Empty when the team could not be loaded: the operator can still take it or unassign it. */
  members: readonly Member[];
};

const UNASSIGNED = '';

/** Who the customer is, who answers them (assistant or team), who owns the conversation, and its state. */
export function ConversationHeader({ workspaceId, conversation, me, members }: ConversationHeaderProps) {
  const { t } = useTranslation();
  const assign = useAssignConversation(workspaceId, conversation.id);
  const resolve = useResolveConversation(workspaceId, conversation.id);
  const reopen = useReopenConversation(workspaceId, conversation.id);
  const setMode = useSetConversationMode(workspaceId, conversation.id);
  const human = conversation.mode === 'human';
  const resolved = conversation.status === 'resolved';
  const error = assign.error ?? resolve.error ?? reopen.error ?? setMode.error;
  const others = members.filter((member) => member.userId !== me.id);
  const assigneeKnown =
    conversation.assigneeId === null ||
    conversation.assigneeId === me.id ||
    others.some((member) => member.userId === conversation.assigneeId);

  function handleAssign(value: string) {
    assign.mutate({ assigneeId: value === UNASSIGNED ? null : value });
  }

  return (
    <div className="flex flex-col gap-3 border-b border-slate-200 px-4 py-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="truncate text-base font-semibold text-slate-900">{conversation.customer.name}</h2>
          <p className="flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
            <span>{conversation.customer.phone}</span>
            {conversation.sandbox && <Badge tone="warning">{t('inbox.sandbox')}</Badge>}
            <Badge tone={resolved ? 'neutral' : 'success'} dot>
              {t(`inbox.statuses.${conversation.status}`)}
            </Badge>
            <Badge tone={human ? 'warning' : 'neutral'}>{t(`inbox.modes.${conversation.mode}`)}</Badge>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            variant={human ? 'secondary' : 'primary'}
            size="sm"
            disabled={setMode.isPending}
            onClick={() => setMode.mutate({ mode: human ? 'bot' : 'human' })}
          >
            {human ? t('inbox.actions.handBack') : t('inbox.actions.takeOver')}
          </Button>
          {resolved ? (
            <Button variant="secondary" size="sm" disabled={reopen.isPending} onClick={() => reopen.mutate()}>
              {t('inbox.actions.reopen')}
            </Button>
          ) : (
            <Button variant="secondary" size="sm" disabled={resolve.isPending} onClick={() => resolve.mutate()}>
              {t('inbox.actions.resolve')}
            </Button>
          )}
        </div>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <Field label={t('inbox.actions.assignee')} className="min-w-48 flex-1">
          {(control) => (
            <Select
              {...control}
              value={conversation.assigneeId ?? UNASSIGNED}
              disabled={assign.isPending}
              onChange={(event) => handleAssign(event.target.value)}
            >
              <option value={UNASSIGNED}>{t('inbox.actions.unassigned')}</option>
              <option value={me.id}>{t('inbox.actions.me', { name: me.name })}</option>
              {others.map((member) => (
                <option key={member.userId} value={member.userId}>
                  {member.name}
                </option>
              ))}
              {!assigneeKnown && conversation.assigneeId && (
                <option value={conversation.assigneeId}>{t('inbox.actions.someoneElse')}</option>
              )}
            </Select>
          )}
        </Field>
        {conversation.assigneeId !== me.id && (
          <Button variant="secondary" size="sm" className="mb-0.5" disabled={assign.isPending} onClick={() => handleAssign(me.id)}>
            {t('inbox.actions.assignToMe')}
          </Button>
        )}
      </div>
      {error && <ProblemAlert error={error} message={t('inbox.actions.failed')} />}
    </div>
  );
}
