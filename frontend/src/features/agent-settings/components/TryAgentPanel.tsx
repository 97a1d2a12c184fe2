import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { TextLink } from '@/components/ui/text-link';
import { LiveIndicator } from '@/features/inbox/components/LiveIndicator';
import { TestChat } from '@/features/simulator/components/TestChat';
import { useCurrentMembership } from '@/features/workspaces/useCurrentMembership';
import { workspaceSectionPath } from '@/features/workspaces/workspaceNav';
import { useLiveUpdates } from '@/lib/live';

export const TRY_IT_ID = 'try-it';

/**
 * The Admin chats with the agent as a test customer, through the same sandbox as the test chat:
 * the agent answers with the saved settings, and its buttons and lists can be tapped.
 */
export function TryAgentPanel({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const membership = useCurrentMembership();
  // The agent answers after the message is accepted: its replies arrive over the live updates.
  const live = useLiveUpdates(workspaceId);

  return (
    <Card id={TRY_IT_ID} aria-labelledby={titleId} className="scroll-mt-6">
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div className="flex flex-col gap-1">
          <CardTitle id={titleId}>{t('agentSettings.tryIt.title')}</CardTitle>
          <CardDescription>
            {t('agentSettings.tryIt.description')}{' '}
            <TextLink to={workspaceSectionPath(workspaceId, 'simulator')}>{t('agentSettings.tryIt.openTestChat')}</TextLink>
          </CardDescription>
        </div>
        <LiveIndicator status={live} />
      </CardHeader>
      <CardContent className="flex flex-col items-center gap-3 py-5">
        <TestChat workspaceId={workspaceId} workspaceName={membership?.workspaceName ?? ''} />
      </CardContent>
    </Card>
  );
}
