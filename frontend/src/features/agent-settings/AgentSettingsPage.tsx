import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading } from '@/components/feedback/Loading';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { PageHeader } from '@/components/layout/PageHeader';
import { Button } from '@/components/ui/button';
import { workspaceSectionPath } from '@/features/workspaces/workspaceNav';
import { useAgentSettings } from './api/agent';
import { AgentForm } from './components/AgentForm';
import { PromptHistory } from './components/PromptHistory';
import { TRY_IT_ID, TryAgentPanel } from './components/TryAgentPanel';

/** Brings the "Try it" panel into view, ready to type in. */
function showTryIt() {
  const panel = document.getElementById(TRY_IT_ID);
  panel?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  panel?.querySelector<HTMLElement>('input, textarea')?.focus({ preventScroll: true });
}

/**
 * `/w/:workspaceId/settings/agent` (Admins): how the AI agent answers customers, its tools and its
 * versioned prompt, and a chat to try it as a customer.
 */
export function AgentSettingsPage() {
  const { t } = useTranslation();
  const { workspaceId = '' } = useParams();
  const settings = useAgentSettings(workspaceId);
  // A restored prompt replaces the form's text: the form starts over from the saved settings.
  const [formKey, setFormKey] = useState(0);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t('agentSettings.title')}
        description={t('agentSettings.subtitle')}
        actions={
          <div className="flex flex-wrap gap-2">
            {settings.data && (
              <Button variant="secondary" onClick={showTryIt}>
                {t('agentSettings.tryIt.jump')}
              </Button>
            )}
            <Button asChild variant="secondary">
              <Link to={workspaceSectionPath(workspaceId, 'agent/usage')}>{t('agentSettings.usageLink')}</Link>
            </Button>
          </div>
        }
      />
      {settings.isError ? (
        <ProblemAlert error={settings.error} message={t('agentSettings.loadFailed')} />
      ) : settings.data ? (
        <>
          <AgentForm key={formKey} workspaceId={workspaceId} settings={settings.data} />
          <PromptHistory workspaceId={workspaceId} onRestored={() => setFormKey((key) => key + 1)} />
          <TryAgentPanel workspaceId={workspaceId} />
        </>
      ) : (
        <Loading />
      )}
    </div>
  );
}
