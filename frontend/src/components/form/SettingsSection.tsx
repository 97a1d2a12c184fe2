import { useId, type ReactNode } from 'react';

import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';

/** A titled card of a settings form, its fields laid out in two columns on wide screens. */
export function SettingsSection({
  title,
  description,
  children,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  const titleId = useId();
  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>{title}</CardTitle>
        {description && <CardDescription>{description}</CardDescription>}
      </CardHeader>
      <CardContent className="grid gap-4 py-5 sm:grid-cols-2">{children}</CardContent>
    </Card>
  );
}

/**
 * Whether a write-only secret is stored (the server never sends it back), followed by the field's
 * hint. `unsetTone` says how much a missing secret matters on that page.
 */
export function SecretHint({
  set,
  setLabel,
  notSetLabel,
  unsetTone = 'neutral',
  children,
}: {
  set: boolean;
  setLabel: string;
  notSetLabel: string;
  unsetTone?: 'neutral' | 'warning';
  children: string;
}) {
  return (
    <span className="flex flex-wrap items-center gap-1.5">
      <Badge tone={set ? 'success' : unsetTone} dot>
        {set ? setLabel : notSetLabel}
      </Badge>{' '}
      {children}
    </span>
  );
}
