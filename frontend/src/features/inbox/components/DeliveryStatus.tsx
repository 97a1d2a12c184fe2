import { useTranslation } from 'react-i18next';
import { cn } from '@/lib/cn';
import type { MessageStatus } from '../api/conversations';

const iconProps = {
  fill: 'none',
  stroke: 'currentColor',
  strokeWidth: 2,
  strokeLinecap: 'round',
  strokeLinejoin: 'round',
  viewBox: '0 0 24 24',
  'aria-hidden': true,
} as const;

function Icon({ status }: { status: Exclude<MessageStatus, 'received'> }) {
  switch (status) {
    case 'queued':
      return (
        <svg {...iconProps} className="size-3.5">
          <circle cx="12" cy="12" r="8" />
          <path d="M12 8v4l2.5 2" />
        </svg>
      );
    case 'accepted':
    case 'sent':
      return (
        <svg {...iconProps} className="size-4">
          <path d="m5 12.5 4.5 4.5L19 7.5" />
        </svg>
      );
    case 'delivered':
    case 'read':
      return (
        <svg {...iconProps} className="size-4">
          <path d="m2 12.5 4.5 4.5L16 7.5M11 16l1 1 9.5-9.5" />
        </svg>
      );
    case 'failed':
      return (
        <svg {...iconProps} className="size-4">
          <circle cx="12" cy="12" r="9" />
          <path d="M12 7.5v5.5M12 16.5h.01" />
        </svg>
      );
  }
}

/** The ticks of an outbound message, as WhatsApp users know them; read ticks are coloured. */
export function DeliveryStatus({ status }: { status: MessageStatus }) {
  const { t } = useTranslation();
  if (status === 'received') return null;
  const label = t(`inbox.status.${status}`);
  return (
    <span
      role="img"
      aria-label={label}
      title={label}
      className={cn(
        'inline-flex shrink-0 items-center',
        status === 'read' ? 'text-sky-500' : status === 'failed' ? 'text-red-600' : 'text-slate-400',
      )}
    >
      <Icon status={status} />
    </span>
  );
}
