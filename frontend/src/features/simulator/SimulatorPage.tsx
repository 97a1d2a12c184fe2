import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeader } from '@/components/layout/PageHeader';
import { TextLink } from '@/components/ui/text-link';
import { LiveIndicator } from '@/features/inbox/components/LiveIndicator';
import { useCurrentMembership } from '@/features/workspaces/useCurrentMembership';
import { workspaceSectionPath } from '@/features/workspaces/workspaceNav';
import { useLiveUpdates } from '@/lib/live';
import { TestChat } from './components/TestChat';

/** `/w/:workspaceId/simulator`: the team chats as a customer would, without WhatsApp. */
export function SimulatorPage() {
  const { t } = useTranslation();
  const { workspaceId = '' } = useParams();
  const membership = useCurrentMembership();
  const live = useLiveUpdates(workspaceId);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t('simulator.title')}
        description={
          <>
            {t('simulator.subtitle')}{' '}
            <TextLink to={workspaceSectionPath(workspaceId, 'inbox')}>{t('simulator.openInbox')}</TextLink>
          </>
        }
        actions={<LiveIndicator status={live} />}
      />
      <TestChat workspaceId={workspaceId} workspaceName={membership?.workspaceName ?? ''} />
    </div>
  );
}
