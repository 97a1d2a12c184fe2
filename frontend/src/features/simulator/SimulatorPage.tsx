import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { PageHeader } from '@/components/layout/PageHeader';
import { TextLink } from '@/components/ui/text-link';
import { LiveIndicator } from '@/features/inbox/components/LiveIndicator';
import { useCurrentMembership } from '@/features/workspaces/useCurrentMembership';
import { workspaceSectionPath } from '@/features/workspaces/workspaceNav';
import { useLiveUpdates } from '@/lib/live';
import { PhoneChat } from './components/PhoneChat';
import { DEFAULT_PHONE, SimulatorIdentityForm, type SimulatedCustomer } from './components/SimulatorIdentityForm';

const STORAGE_PREFIX = 'shopme.simulator.';

/** The customer last simulated in this workspace, so that a reload continues the same chat. */
function storedCustomer(workspaceId: string): SimulatedCustomer | null {
  try {
    const value = JSON.parse(window.sessionStorage.getItem(STORAGE_PREFIX + workspaceId) ?? 'null') as unknown;
    if (typeof value !== 'object' || value === null) return null;
    const { name, phone } = value as Record<string, unknown>;
    return typeof name === 'string' && typeof phone === 'string' ? { name, phone } : null;
  } catch {
    return null;
  }
}

function storeCustomer(workspaceId: string, customer: SimulatedCustomer | null): void {
  try {
    if (customer) window.sessionStorage.setItem(STORAGE_PREFIX + workspaceId, JSON.stringify(customer));
    else window.sessionStorage.removeItem(STORAGE_PREFIX + workspaceId);
  } catch {
    // Storage may be unavailable (private mode): the chat then simply starts over after a reload.
  }
}

/** `/w/:workspaceId/simulator`: the team chats as a customer would, without WhatsApp. */
export function SimulatorPage() {
  const { t } = useTranslation();
  const { workspaceId = '' } = useParams();
  const membership = useCurrentMembership();
  const live = useLiveUpdates(workspaceId);
  const [customer, setCustomer] = useState<SimulatedCustomer | null>(() => storedCustomer(workspaceId));
  const [lastCustomer, setLastCustomer] = useState<SimulatedCustomer>(
    () => customer ?? { name: t('simulator.identity.defaultName'), phone: DEFAULT_PHONE },
  );

  function start(next: SimulatedCustomer) {
    storeCustomer(workspaceId, next);
    setCustomer(next);
    setLastCustomer(next);
  }

  function changeCustomer() {
    storeCustomer(workspaceId, null);
    setCustomer(null);
  }

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
      {customer ? (
        <PhoneChat
          key={customer.phone}
          workspaceId={workspaceId}
          workspaceName={membership?.workspaceName ?? ''}
          customer={customer}
          onChangeCustomer={changeCustomer}
        />
      ) : (
        <SimulatorIdentityForm initial={lastCustomer} onStart={start} />
      )}
    </div>
  );
}
