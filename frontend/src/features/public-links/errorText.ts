import type { ParseKeys } from 'i18next';
import { useTranslation } from 'react-i18next';

/** A field error as text: our messages are translation keys, the server's are shown as sent. */
export function usePublicErrorText(): (message: string | undefined) => string | undefined {
  const { t, i18n } = useTranslation();
  return (message) => {
    if (!message) return undefined;
    const isKey = (message.startsWith('validation.') || message.startsWith('publicLinks.')) && i18n.exists(message);
    return isKey ? t(message as ParseKeys) : message;
  };
}
