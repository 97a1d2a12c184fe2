import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import type { MediaType } from '../api/conversations';

type MessageMediaProps = {
  type: MediaType;
  /** Same origin: the session cookie goes along. */
  url: string;
  filename?: string;
};

function LoadFailed({ children }: { children: string }) {
  return (
    <p role="alert" className="mt-1 text-xs font-medium text-red-700">
      {children}
    </p>
  );
}

/**
 * What a customer sent: an image, a sticker, audio, video or a document. The server fetches it from
 * WhatsApp the first time it is opened, which costs an API call, so nothing loads until the
 * operator asks for it; a document is a download link.
 */
export function MessageMedia({ type, url, filename }: MessageMediaProps) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const [failed, setFailed] = useState(false);

  if (type === 'document') {
    return (
      <p className="mt-1">
        <a
          href={url}
          download={filename || true}
          className="font-medium break-all text-brand-700 underline underline-offset-2 hover:text-brand-800 focus-visible:rounded-sm focus-visible:outline-2 focus-visible:outline-brand-600"
        >
          {filename || t('inbox.media.download')}
        </a>
      </p>
    );
  }

  const visual = type === 'image' || type === 'sticker';
  if (!shown) {
    return (
      <Button variant="secondary" size="sm" className="mt-1" onClick={() => setShown(true)}>
        {visual ? t('inbox.media.showImage') : t(type === 'audio' ? 'inbox.media.loadAudio' : 'inbox.media.loadVideo')}
      </Button>
    );
  }

  if (failed) return <LoadFailed>{t(visual ? 'inbox.media.imageFailed' : 'inbox.media.playFailed')}</LoadFailed>;

  const onError = () => setFailed(true);
  return (
    <div className="mt-1">
      {visual ? (
        <img
          src={url}
          alt={t(`inbox.message.types.${type}`)}
          onError={onError}
          className={type === 'sticker' ? 'max-h-32 max-w-32' : 'max-h-72 max-w-full rounded-md'}
        />
      ) : type === 'audio' ? (
        <audio controls src={url} onError={onError} className="max-w-full" />
      ) : (
        <video controls src={url} onError={onError} className="max-h-72 max-w-full rounded-md" />
      )}
    </div>
  );
}
