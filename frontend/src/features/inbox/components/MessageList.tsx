import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { messageMediaPath, type Message } from '../api/conversations';
import { formatMessageTime } from '../messageTime';
import { DeliveryStatus } from './DeliveryStatus';
import { MessageContent } from './MessageContent';

type MessageListProps = {
  workspaceId: string;
  conversationId: string;
  /** Oldest first. */
  messages: readonly Message[];
  /** Names of the team, for "who answered". */
  authorNames: ReadonlyMap<string, string>;
  hasOlder: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
};

function FailureReason({ message }: { message: Message }) {
  const { t } = useTranslation();
  if (message.status !== 'failed') return null;
  return (
    <div className="mt-1 text-xs text-red-700">
      <p className="font-medium">
        {message.error
          ? t('inbox.message.failedWith', { code: message.error.code, title: message.error.title })
          : t('inbox.message.failed')}
      </p>
      {message.error?.detail && message.error.detail !== message.error.title && <p>{message.error.detail}</p>}
    </div>
  );
}

type BubbleProps = {
  message: Message;
  authorNames: ReadonlyMap<string, string>;
  mediaUrl: string | undefined;
};

function Bubble({ message, authorNames, mediaUrl }: BubbleProps) {
  const { t, i18n } = useTranslation();
  const outbound = message.direction === 'outbound';
  const author =
    message.authorKind === 'operator'
      ? ((message.authorId && authorNames.get(message.authorId)) ?? t('inbox.author.operator'))
      : t(`inbox.author.${message.authorKind}`);

  return (
    <li className={cn('flex', outbound ? 'justify-end' : 'justify-start')}>
      <article
        aria-label={outbound ? t('inbox.message.sentBy', { author }) : t('inbox.message.fromCustomer')}
        className={cn(
          'max-w-[85%] rounded-lg px-3 py-2 text-sm shadow-xs',
          outbound ? 'bg-brand-50 text-slate-900' : 'border border-slate-200 bg-white text-slate-900',
          message.status === 'failed' && 'border border-red-300 bg-red-50',
        )}
      >
        {outbound && <p className="mb-0.5 text-xs font-medium text-brand-700">{author}</p>}
        <MessageContent message={message} mediaUrl={mediaUrl} />
        <FailureReason message={message} />
        <p className="mt-1 flex items-center justify-end gap-1 text-[0.7rem] text-slate-500">
          <time dateTime={message.createdAt}>{formatMessageTime(message.createdAt, i18n.resolvedLanguage ?? 'en')}</time>
          {outbound && <DeliveryStatus status={message.status} />}
        </p>
      </article>
    </li>
  );
}

/** The thread, oldest at the top, kept scrolled to the newest message as messages arrive. */
export function MessageList({
  workspaceId,
  conversationId,
  messages,
  authorNames,
  hasOlder,
  loadingOlder,
  onLoadOlder,
}: MessageListProps) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const newestId = messages.at(-1)?.id;

  useEffect(() => {
    const element = scroller.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [newestId]);

  return (
    <div ref={scroller} className="h-[55vh] min-h-72 overflow-y-auto bg-slate-50 px-4 py-3">
      {hasOlder && (
        <div className="mb-3 flex justify-center">
          <Button variant="secondary" size="sm" onClick={onLoadOlder} disabled={loadingOlder}>
            {loadingOlder ? t('common.loading') : t('inbox.thread.older')}
          </Button>
        </div>
      )}
      {messages.length === 0 ? (
        <p className="py-8 text-center text-sm text-slate-500">{t('inbox.thread.empty')}</p>
      ) : (
        <ol aria-label={t('inbox.thread.messages')} className="flex flex-col gap-2">
          {messages.map((message) => (
            <Bubble
              key={message.id}
              message={message}
              authorNames={authorNames}
              mediaUrl={message.media ? messageMediaPath(workspaceId, conversationId, message.id) : undefined}
            />
          ))}
        </ol>
      )}
    </div>
  );
}
