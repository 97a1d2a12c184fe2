import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Loading } from '@/components/feedback/Loading';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { PageHeader } from '@/components/layout/PageHeader';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { formatDateTime } from '@/lib/format';
import { useWhatsAppChannel, type WhatsAppChannel } from './api/channel';
import { ChannelForm } from './components/ChannelForm';
import { CopyField } from './components/CopyField';

/** What the Admin copies into Meta's dashboard to have WhatsApp deliver messages to ShopMe. */
function WebhookCard({ channel }: { channel: WhatsAppChannel }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  return (
    <Card aria-labelledby={titleId}>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div className="flex flex-col gap-1">
          <CardTitle id={titleId}>{t('channel.webhook.title')}</CardTitle>
          <CardDescription>{t('channel.webhook.description')}</CardDescription>
        </div>
        <div className="flex flex-wrap gap-2">
          <Badge tone={channel.configured ? 'success' : 'warning'} dot>
            {channel.configured ? t('channel.state.configured') : t('channel.state.notConfigured')}
          </Badge>
          <Badge tone={channel.enabled ? 'success' : 'neutral'} dot>
            {channel.enabled ? t('channel.state.enabled') : t('channel.state.disabled')}
          </Badge>
        </div>
      </CardHeader>
      <CardContent className="grid gap-4 py-5 sm:grid-cols-2">
        <CopyField label={t('channel.webhook.url')} value={channel.webhookUrl} />
        <CopyField
          label={t('channel.webhook.verifyToken')}
          value={channel.verifyToken}
          hint={channel.verifyToken ? undefined : t('channel.webhook.verifyTokenPending')}
        />
        {channel.updatedAt && (
          <p className="text-xs text-slate-500 sm:col-span-2">
            {t('channel.updatedAt', { date: formatDateTime(channel.updatedAt, i18n.resolvedLanguage ?? 'en') })}
          </p>
        )}
      </CardContent>
    </Card>
  );
}

/** `/w/:workspaceId/settings/whatsapp` (Admins): the WhatsApp Business number the workspace answers on. */
export function ChannelSettingsPage() {
  const { t } = useTranslation();
  const { workspaceId = '' } = useParams();
  const channel = useWhatsAppChannel(workspaceId);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('channel.title')} description={t('channel.subtitle')} />
      {channel.isError ? (
        <ProblemAlert error={channel.error} message={t('channel.loadFailed')} />
      ) : channel.data ? (
        <>
          <WebhookCard channel={channel.data} />
          <ChannelForm workspaceId={workspaceId} channel={channel.data} />
        </>
      ) : (
        <Loading />
      )}
    </div>
  );
}
