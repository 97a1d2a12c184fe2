import { useTranslation } from 'react-i18next';
import { cn } from '@/lib/cn';
import { mediaType, type InteractiveReply, type Message, type OutboundInteractive } from '../api/conversations';
import { MessageMedia } from './MessageMedia';

/**
 * Types shown with a label and their text (a caption, an address…): the dashboard cannot show them
 * as they are, except media a customer sent, which the inbox loads on request under the label.
 */
const PLACEHOLDER_TYPES = [
  'image',
  'audio',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'template',
  'reaction',
  'order',
  'unsupported',
] as const;

type PlaceholderType = (typeof PLACEHOLDER_TYPES)[number];

function placeholderType(type: string): PlaceholderType | undefined {
  if (type === 'text' || type === 'interactive' || type === 'button') return undefined;
  return PLACEHOLDER_TYPES.find((known) => known === type) ?? 'unsupported';
}

function isReply(interactive: Message['interactive']): interactive is InteractiveReply {
  return interactive?.type === 'button_reply' || interactive?.type === 'list_reply';
}

function Label({ children }: { children: string }) {
  return (
    <span className="mr-1.5 inline-flex rounded bg-slate-900/5 px-1.5 py-0.5 text-[0.7rem] font-semibold tracking-wide text-slate-600 uppercase">
      {children}
    </span>
  );
}

type ChoicesProps = {
  interactive: OutboundInteractive;
  /** Given in the simulator, where the customer taps; the inbox only shows what was offered. */
  onReply?: (reply: InteractiveReply) => void;
  disabled?: boolean;
};

function Choices({ interactive, onReply, disabled }: ChoicesProps) {
  const { t } = useTranslation();
  const choiceClassName =
    'w-full rounded-md border border-slate-200 bg-white px-3 py-1.5 text-center text-sm font-medium text-sky-700';

  if (interactive.type === 'button') {
    return (
      <ul aria-label={t('inbox.message.buttons')} className="mt-2 flex flex-col gap-1">
        {interactive.buttons.map((button) => (
          <li key={button.id}>
            {onReply ? (
              <button
                type="button"
                disabled={disabled}
                className={cn(choiceClassName, 'hover:bg-sky-50 focus-visible:outline-2 focus-visible:outline-sky-600 disabled:opacity-50')}
                onClick={() => onReply({ type: 'button_reply', id: button.id, title: button.title })}
              >
                {button.title}
              </button>
            ) : (
              <span className={cn(choiceClassName, 'block')}>{button.title}</span>
            )}
          </li>
        ))}
      </ul>
    );
  }

  return (
    <div className="mt-2 flex flex-col gap-2">
      <p className="text-xs font-medium text-slate-500">{t('inbox.message.listButton', { label: interactive.button })}</p>
      {interactive.sections.map((section, index) => (
        <div key={`${section.title ?? ''}-${index}`} className="flex flex-col gap-1">
          {section.title && <p className="text-xs font-semibold text-slate-600">{section.title}</p>}
          <ul aria-label={section.title || t('inbox.message.listRows')} className="flex flex-col gap-1">
            {section.rows.map((row) => (
              <li key={row.id}>
                {onReply ? (
                  <button
                    type="button"
                    disabled={disabled}
                    className="w-full rounded-md border border-slate-200 bg-white px-3 py-1.5 text-left text-sm hover:bg-sky-50 focus-visible:outline-2 focus-visible:outline-sky-600 disabled:opacity-50"
                    onClick={() => onReply({ type: 'list_reply', id: row.id, title: row.title })}
                  >
                    <span className="block font-medium text-sky-700">{row.title}</span>
                    {row.description && <span className="block text-xs text-slate-500">{row.description}</span>}
                  </button>
                ) : (
                  <span className="block rounded-md border border-slate-200 bg-white px-3 py-1.5 text-sm">
                    <span className="block font-medium text-slate-800">{row.title}</span>
                    {row.description && <span className="block text-xs text-slate-500">{row.description}</span>}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

type MessageContentProps = {
  message: Message;
  /** Where the media a customer sent is served (the inbox); without it only a labelled placeholder shows. */
  mediaUrl?: string;
  onReply?: (reply: InteractiveReply) => void;
  replyDisabled?: boolean;
};

/**
 * What a message says: its text, the media a customer sent (loaded on request), a labelled
 * placeholder for locations, contacts and types the dashboard does not know, what a customer
 * tapped, and the buttons or list offered to them.
 */
export function MessageContent({ message, mediaUrl, onReply, replyDisabled }: MessageContentProps) {
  const { t } = useTranslation();
  const placeholder = placeholderType(message.type);
  const interactive = message.interactive;

  if (isReply(interactive)) {
    return (
      <p className="break-words whitespace-pre-wrap">
        <Label>{t(interactive.type === 'button_reply' ? 'inbox.message.buttonReply' : 'inbox.message.listReply')}</Label>
        {interactive.title}
      </p>
    );
  }

  const media = mediaUrl ? mediaType(message) : undefined;
  // With the media shown, a document's name is its download link.
  const filename = message.type === 'document' && !media ? message.media?.filename : undefined;
  const text = message.text || message.media?.caption || (interactive && 'body' in interactive ? interactive.body : '');
  // `button`: a quick-reply button of a template, tapped by the customer.
  const label = placeholder ? t(`inbox.message.types.${placeholder}`) : message.type === 'button' ? t('inbox.message.buttonReply') : undefined;

  return (
    <div>
      {(label || text || filename) && (
        <p className="break-words whitespace-pre-wrap">
          {label && <Label>{label}</Label>}
          {filename && <span className="mr-1 font-medium">{filename}</span>}
          {text}
        </p>
      )}
      {media && mediaUrl && <MessageMedia type={media} url={mediaUrl} filename={message.media?.filename} />}
      {interactive && !isReply(interactive) && (
        <Choices interactive={interactive} onReply={onReply} disabled={replyDisabled} />
      )}
    </div>
  );
}
