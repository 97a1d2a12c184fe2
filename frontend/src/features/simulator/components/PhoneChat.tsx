import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { cn } from '@/lib/cn';
import { oldestFirst, useMessages, type InteractiveReply, type Message } from '@/features/inbox/api/conversations';
import { MessageContent } from '@/features/inbox/components/MessageContent';
import { formatMessageTime } from '@/features/inbox/messageTime';
import { useMarkSimulatorRead, useSendSimulatedMessage, useSimulatorConversation } from '../api/simulator';
import type { SimulatedCustomer } from './SimulatorIdentityForm';

type PhoneChatProps = {
  workspaceId: string;
  workspaceName: string;
  customer: SimulatedCustomer;
  onChangeCustomer: () => void;
};

/** A reply of the workspace not yet shown as read: its id and status, so that each change is reported once. */
function unreadReplyKey(messages: readonly Message[]): string | undefined {
  const reply = messages.findLast(
    (message) => message.direction === 'outbound' && message.status !== 'read' && message.status !== 'failed',
  );
  return reply && `${reply.id}:${reply.status}`;
}

function Bubble({
  message,
  workspaceName,
  onReply,
  replying,
}: {
  message: Message;
  workspaceName: string;
  onReply: (reply: InteractiveReply) => void;
  replying: boolean;
}) {
  const { t, i18n } = useTranslation();
  // From the customer's side: what they sent is "me", on the right.
  const mine = message.direction === 'inbound';
  return (
    <li className={cn('flex', mine ? 'justify-end' : 'justify-start')}>
      <article
        aria-label={mine ? t('simulator.chat.fromMe') : t('simulator.chat.fromBusiness', { name: workspaceName })}
        className={cn(
          'max-w-[85%] rounded-lg px-3 py-2 text-sm shadow-xs',
          mine ? 'bg-[#d9fdd3] text-slate-900' : 'bg-white text-slate-900',
        )}
      >
        <MessageContent message={message} onReply={mine ? undefined : onReply} replyDisabled={replying} />
        <p className="mt-1 text-right text-[0.7rem] text-slate-500">
          <time dateTime={message.createdAt}>{formatMessageTime(message.createdAt, i18n.resolvedLanguage ?? 'en')}</time>
        </p>
      </article>
    </li>
  );
}

/** The simulated customer's phone: their chat with the workspace, as WhatsApp would show it. */
export function PhoneChat({ workspaceId, workspaceName, customer, onChangeCustomer }: PhoneChatProps) {
  const { t } = useTranslation();
  const existing = useSimulatorConversation(workspaceId, customer.phone);
  const send = useSendSimulatedMessage(workspaceId);
  const { mutate: markRead } = useMarkSimulatorRead(workspaceId);
  const conversationId = send.data?.conversationId ?? existing.data?.id;
  const messages = useMessages(workspaceId, conversationId);
  const thread = useMemo(() => oldestFirst(messages.data?.pages), [messages.data]);
  const [text, setText] = useState('');
  const scroller = useRef<HTMLDivElement>(null);
  const reported = useRef<string | undefined>(undefined);
  const unreadKey = unreadReplyKey(thread);
  const newestId = thread.at(-1)?.id;

  useEffect(() => {
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [newestId]);

  // The replies are on screen now: tell the server, as a phone sends read receipts.
  useEffect(() => {
    if (!conversationId || !unreadKey || reported.current === unreadKey) return;
    reported.current = unreadKey;
    markRead(conversationId);
  }, [conversationId, unreadKey, markRead]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = text.trim();
    if (body === '' || send.isPending) return;
    send.mutate({ ...customer, text: body }, { onSuccess: () => setText('') });
  }

  function handleReply(reply: InteractiveReply) {
    send.mutate({ ...customer, reply });
  }

  return (
    <div className="flex flex-col items-center gap-3">
      <section
        aria-label={t('simulator.chat.phone')}
        className="flex h-[38rem] max-h-[80dvh] w-full max-w-sm flex-col overflow-hidden rounded-[2rem] border-8 border-slate-800 bg-[#efeae2] shadow-xl"
      >
        <header className="flex items-center gap-3 bg-[#075e54] px-4 py-3 text-white">
          <span
            aria-hidden="true"
            className="flex size-9 shrink-0 items-center justify-center rounded-full bg-white/20 font-semibold"
          >
            {workspaceName.slice(0, 1).toUpperCase()}
          </span>
          <div className="min-w-0">
            <p className="truncate font-semibold">{workspaceName}</p>
            <p className="truncate text-xs text-white/80">
              {t('simulator.chat.as', { name: customer.name, phone: customer.phone })}
            </p>
          </div>
        </header>
        <div ref={scroller} className="flex-1 overflow-y-auto px-3 py-3">
          {messages.isError ? (
            <ProblemAlert error={messages.error} message={t('simulator.chat.loadFailed')} />
          ) : thread.length === 0 ? (
            <p className="mx-auto mt-6 max-w-60 rounded-md bg-white/80 px-3 py-2 text-center text-xs text-slate-600">
              {t('simulator.chat.empty')}
            </p>
          ) : (
            <ol aria-label={t('simulator.chat.messages')} className="flex flex-col gap-2">
              {thread.map((message) => (
                <Bubble
                  key={message.id}
                  message={message}
                  workspaceName={workspaceName}
                  onReply={handleReply}
                  replying={send.isPending}
                />
              ))}
            </ol>
          )}
        </div>
        {send.isError && <ProblemAlert error={send.error} message={t('simulator.chat.failed')} className="m-2" />}
        <form noValidate onSubmit={handleSubmit} className="flex items-center gap-2 bg-[#f0f2f5] px-2 py-2">
          <Input
            aria-label={t('simulator.chat.message')}
            placeholder={t('simulator.chat.placeholder')}
            value={text}
            onChange={(event) => setText(event.target.value)}
            className="rounded-full"
          />
          <Button type="submit" className="rounded-full" disabled={send.isPending || text.trim() === ''}>
            {t('simulator.chat.send')}
          </Button>
        </form>
      </section>
      <Button variant="ghost" size="sm" onClick={onChangeCustomer}>
        {t('simulator.chat.changeCustomer')}
      </Button>
    </div>
  );
}
