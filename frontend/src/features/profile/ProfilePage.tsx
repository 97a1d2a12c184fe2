import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/layout/PageHeader';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { useMe } from '@/features/auth/api/auth';
import { ChangePasswordCard } from './components/ChangePasswordCard';
import { SessionsCard } from './components/SessionsCard';

function AccountCard() {
  const { t } = useTranslation();
  const titleId = useId();
  const me = useMe();
  const user = me.data?.user;
  if (!user) return null;

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>{t('profile.account.title')}</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-3 text-sm">
          <dt className="text-slate-500">{t('profile.account.name')}</dt>
          <dd className="font-medium text-slate-900">{user.name}</dd>
          <dt className="text-slate-500">{t('profile.account.email')}</dt>
          <dd className="font-medium break-all text-slate-900">{user.email}</dd>
        </dl>
      </CardContent>
    </Card>
  );
}

export function ProfilePage() {
  const { t } = useTranslation();

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('profile.title')} description={t('profile.subtitle')} />
      <div className="grid gap-6 lg:grid-cols-2">
        <AccountCard />
        <ChangePasswordCard />
      </div>
      <SessionsCard />
    </div>
  );
}
