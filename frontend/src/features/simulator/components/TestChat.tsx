import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PhoneChat } from './PhoneChat';
import { DEFAULT_PHONE, SimulatorIdentityForm, type SimulatedCustomer } from './SimulatorIdentityForm';

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

type TestChatProps = {
  workspaceId: string;
  workspaceName: string;
};

/**
 * Who the team member plays, then that customer's chat with the workspace, buttons and lists of
 * the replies included. The test chat page and the AI agent's "Try it" panel share it, and the
 * customer chosen last: both continue the same sandbox conversation.
 */
export function TestChat({ workspaceId, workspaceName }: TestChatProps) {
  const { t } = useTranslation();
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

  return customer ? (
    <PhoneChat
      key={customer.phone}
      workspaceId={workspaceId}
      workspaceName={workspaceName}
      customer={customer}
      onChangeCustomer={changeCustomer}
    />
  ) : (
    <SimulatorIdentityForm initial={lastCustomer} onStart={start} />
  );
}
