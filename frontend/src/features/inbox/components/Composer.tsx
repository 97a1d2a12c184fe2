import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/textarea';
import { isOutsideWindow, useSendMessage, type Conversation, type OutgoingMessage } from '../api/conversations';
import { TemplatePicker } from './TemplatePicker';

type ComposerProps = {
  workspaceId: string;
  conversation: Conversation;
};

/**
 * The operator's reply. Inside WhatsApp's 24-hour window it is free text; outside it (as the
 * conversation says, or as the server answers when the window closed meanwhile) only an approved
 * template can be sent.
 */
export function Composer({ workspaceId, conversation }: ComposerProps) {
  const { t } = useTranslation();
  const send = useSendMessage(workspaceId, conversation.id);
  const [text, setText] = useState('');
  // The window the server said was closed: a customer writing again opens a new one, with a new expiry.
  const [closedWindow, setClosedWindow] = useState<{ expiresAt: string | null } | null>(null);
  const windowClosed = !conversation.windowOpen || closedWindow?.expiresAt === conversation.windowExpiresAt;

  function deliver(message: OutgoingMessage, onSent?: () => void) {
    send.mutate(message, {
      onSuccess: () => onSent?.(),
      onError: (error) => {
        if (isOutsideWindow(error)) setClosedWindow({ expiresAt: conversation.windowExpiresAt });
      },
    });
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = text.trim();
    if (body === '' || send.isPending) return;
    deliver({ text: body }, () => setText(''));
  }

  // Enter sends, Shift+Enter starts a new line, as in chat apps.
  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  }

  const failure = send.isError && !isOutsideWindow(send.error) ? send.error : undefined;

  return (
    <div className="flex flex-col gap-3 border-t border-slate-200 px-4 py-3">
      {failure !== undefined && <ProblemAlert error={failure} message={t('inbox.composer.failed')} />}
      {conversation.mode === 'bot' && !windowClosed && (
        <p className="text-xs text-slate-500">{t('inbox.composer.botHint')}</p>
      )}
      {windowClosed ? (
        <>
          <Alert tone="warning">
            {conversation.windowExpiresAt ? t('inbox.composer.windowClosed') : t('inbox.composer.neverWrote')}
          </Alert>
          <TemplatePicker
            workspaceId={workspaceId}
            sending={send.isPending}
            onSend={(template) => deliver({ template })}
          />
        </>
      ) : (
        <form noValidate onSubmit={handleSubmit} className="flex items-end gap-2">
          <Textarea
            aria-label={t('inbox.composer.label')}
            rows={2}
            value={text}
            placeholder={t('inbox.composer.placeholder')}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={handleKeyDown}
            className="resize-y"
          />
          <Button type="submit" disabled={send.isPending || text.trim() === ''}>
            {send.isPending ? t('inbox.composer.sending') : t('inbox.composer.send')}
          </Button>
        </form>
      )}
    </div>
  );
}
