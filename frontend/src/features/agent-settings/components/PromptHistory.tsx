import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '@/components/feedback/Loading';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from '@/components/ui/dialog';
import { formatDateTime } from '@/lib/format';
import { usePromptHistory, useRestorePrompt, type AgentSettings, type PromptVersion } from '../api/agent';

function ViewVersion({ item }: { item: PromptVersion }) {
  const { t } = useTranslation();
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={t('agentSettings.history.viewLabel', { version: item.version })}>
          {t('agentSettings.history.view')}
        </Button>
      </DialogTrigger>
      <DialogContent title={t('agentSettings.history.versionLabel', { version: item.version })} className="max-w-2xl">
        <pre className="max-h-[60dvh] overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs whitespace-pre-wrap text-slate-800">
          {item.text}
        </pre>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="secondary">{t('agentSettings.history.close')}</Button>
          </DialogClose>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

/** The saved versions of the system prompt, newest first; an older one can be made active again. */
export function PromptHistory({
  workspaceId,
  onRestored,
}: {
  workspaceId: string;
  /** Called with the settings after a restore, whose prompt is the restored text. */
  onRestored: (settings: AgentSettings) => void;
}) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const history = usePromptHistory(workspaceId);
  const restore = useRestorePrompt(workspaceId);
  const locale = i18n.resolvedLanguage ?? 'en';

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>{t('agentSettings.history.title')}</CardTitle>
        <CardDescription>{t('agentSettings.history.description')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 py-5">
        {restore.isError && <ProblemAlert error={restore.error} message={t('agentSettings.history.restoreFailed')} />}
        {restore.isSuccess && restore.data.systemPrompt && (
          <Alert tone="success">
            {t('agentSettings.history.restored', {
              version: restore.variables,
              newVersion: restore.data.systemPrompt.version,
            })}
          </Alert>
        )}
        {history.isError ? (
          <ProblemAlert error={history.error} message={t('agentSettings.history.loadFailed')} />
        ) : !history.data ? (
          <Loading />
        ) : history.data.items.length === 0 ? (
          <p className="text-sm text-slate-500">{t('agentSettings.history.empty')}</p>
        ) : (
          <ol className="flex flex-col divide-y divide-slate-100">
            {history.data.items.map((item) => (
              <li
                key={item.version}
                aria-label={t('agentSettings.history.versionLabel', { version: item.version })}
                className="flex flex-wrap items-center justify-between gap-3 py-2.5"
              >
                <div className="flex flex-col gap-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-mono text-sm font-semibold text-slate-900">
                      {t('agentSettings.history.version', { version: item.version })}
                    </span>
                    {item.active && (
                      <Badge tone="success" dot>
                        {t('agentSettings.history.active')}
                      </Badge>
                    )}
                    {item.restoredFrom !== null && (
                      <Badge tone="neutral">{t('agentSettings.history.restoredFrom', { version: item.restoredFrom })}</Badge>
                    )}
                  </div>
                  <p className="text-xs text-slate-500">
                    {t('agentSettings.history.byOn', {
                      name: item.createdByName || t('agentSettings.history.unknownAuthor'),
                      date: formatDateTime(item.createdAt, locale),
                    })}
                  </p>
                </div>
                <div className="flex gap-2">
                  <ViewVersion item={item} />
                  {!item.active && (
                    <ConfirmDialog
                      trigger={
                        <Button
                          variant="secondary"
                          size="sm"
                          disabled={restore.isPending}
                          aria-label={t('agentSettings.history.restoreLabel', { version: item.version })}
                        >
                          {t('agentSettings.history.restore')}
                        </Button>
                      }
                      title={t('agentSettings.history.restoreTitle', { version: item.version })}
                      description={t('agentSettings.history.restoreDescription')}
                      confirmLabel={t('agentSettings.history.restore')}
                      cancelLabel={t('common.cancel')}
                      onConfirm={() => restore.mutate(item.version, { onSuccess: onRestored })}
                    />
                  )}
                </div>
              </li>
            ))}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}
