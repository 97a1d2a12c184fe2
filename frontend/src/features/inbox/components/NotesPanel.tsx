import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '@/components/feedback/Loading';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Textarea } from '@/components/ui/textarea';
import { formatDateTime } from '@/lib/format';
import { useAddNote, useNotes } from '../api/conversations';

const NOTE_MAX = 4_000;

/** Notes the team leaves on a conversation. They stay inside ShopMe: the customer never sees them. */
export function NotesPanel({ workspaceId, conversationId }: { workspaceId: string; conversationId: string }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const notes = useNotes(workspaceId, conversationId);
  const add = useAddNote(workspaceId, conversationId);
  const [text, setText] = useState('');
  const locale = i18n.resolvedLanguage ?? 'en';

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = text.trim();
    if (body === '') return;
    add.mutate(body, { onSuccess: () => setText('') });
  }

  return (
    <Card aria-labelledby={titleId} className="border-amber-200 bg-amber-50/40">
      <CardHeader>
        <CardTitle id={titleId}>{t('inbox.notes.title')}</CardTitle>
        <CardDescription>{t('inbox.notes.private')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {notes.isError ? (
          <ProblemAlert error={notes.error} message={t('inbox.notes.loadFailed')} />
        ) : notes.data ? (
          notes.data.items.length === 0 ? (
            <p className="text-sm text-slate-500">{t('inbox.notes.empty')}</p>
          ) : (
            <ol aria-label={t('inbox.notes.title')} className="flex flex-col gap-2">
              {notes.data.items.map((note) => (
                <li key={note.id} className="rounded-md border border-amber-200 bg-white px-3 py-2 text-sm">
                  <p className="break-words whitespace-pre-wrap text-slate-800">{note.text}</p>
                  <p className="mt-1 text-xs text-slate-500">
                    {note.authorName} · <time dateTime={note.createdAt}>{formatDateTime(note.createdAt, locale)}</time>
                  </p>
                </li>
              ))}
            </ol>
          )
        ) : (
          <Loading />
        )}
        <form noValidate onSubmit={handleSubmit} className="flex flex-col gap-2">
          {add.isError && <ProblemAlert error={add.error} message={t('inbox.notes.failed')} />}
          <Field label={t('inbox.notes.new')}>
            {(control) => (
              <Textarea {...control} rows={3} maxLength={NOTE_MAX} value={text} onChange={(event) => setText(event.target.value)} />
            )}
          </Field>
          <div className="flex justify-end">
            <Button type="submit" variant="secondary" size="sm" disabled={add.isPending || text.trim() === ''}>
              {add.isPending ? t('common.saving') : t('inbox.notes.add')}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
