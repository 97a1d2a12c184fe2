import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { matchLanguage } from '@/i18n/languages';
import { linkLanguage, unavailableReason, usePublicLink, type PublicLink } from './api';
import { LinkUnavailable, LoadFailed, NotAvailableYet } from './components';
import { InvoiceView } from './InvoiceView';
import { OrderView } from './OrderView';
import { PaymentView } from './PaymentView';
import { ProfileView } from './ProfileView';
import { PublicPage } from './PublicPage';
import { RegistrationForm } from './RegistrationForm';

/** The link's page by type; a type this version does not know yet gets a neutral message. */
function LinkView({ token, link }: { token: string; link: PublicLink }) {
  const { i18n } = useTranslation();
  const shop = link.workspace.name;

  // Once per link: the customer's language (else the shop's); the switcher can change it later.
  // Before paint, so that the page never shows in another language first.
  const appliedFor = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (appliedFor.current === token) return;
    appliedFor.current = token;
    const language = matchLanguage(linkLanguage(link)) ?? matchLanguage(link.workspace.defaultLanguage);
    if (language) void i18n.changeLanguage(language);
  }, [i18n, link, token]);

  switch (link.type) {
    case 'registration':
      return <RegistrationForm token={token} link={link} />;
    case 'payment':
      return <PaymentView token={token} link={link} />;
    case 'order':
      return <OrderView link={link} />;
    case 'invoice':
      return <InvoiceView token={token} link={link} />;
    case 'profile':
      return <ProfileView token={token} link={link} />;
    default:
      return <NotAvailableYet shop={shop} />;
  }
}

function PublicLinkContent({ token }: { token: string }) {
  const { t } = useTranslation();
  const link = usePublicLink(token);

  // Once shown, a page stays: a later refresh that fails (a payment's confirmation) leaves it as it was.
  if (link.data) return <LinkView token={token} link={link.data} />;
  if (link.isError) {
    const reason = unavailableReason(link.error);
    if (reason) return <LinkUnavailable reason={reason} />;
    return <LoadFailed error={link.error} onRetry={() => void link.refetch()} retrying={link.isFetching} />;
  }
  return (
    <p aria-busy="true" className="py-24 text-center text-sm text-slate-500">
      {t('publicLinks.loading')}
    </p>
  );
}

/** `/s/:token`: the page a customer opens from a link sent on WhatsApp. No login. */
export function PublicLinkPage() {
  const { token = '' } = useParams();
  return (
    <PublicPage>
      <PublicLinkContent token={token} />
    </PublicPage>
  );
}
