import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useFieldErrorText, validation } from '@/components/form/validation';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';

export type SimulatedCustomer = { name: string; phone: string };

export const DEFAULT_PHONE = '+39 333 000 0001';

const identitySchema = z.object({
  name: z.string().trim().min(1, validation('required')).max(100, validation('tooLong')),
  // Typed the way people write numbers ("+39 333 000 0001"); sent as E.164.
  phone: z
    .string()
    .transform((text) => text.replace(/[\s().-]/g, ''))
    .pipe(z.string().regex(/^\+[1-9]\d{6,14}$/, validation('phone'))),
});

type IdentityForm = z.input<typeof identitySchema>;

type SimulatorIdentityFormProps = {
  initial: SimulatedCustomer;
  onStart: (customer: SimulatedCustomer) => void;
};

/** Who the team member pretends to be: a customer's name and WhatsApp number. */
export function SimulatorIdentityForm({ initial, onStart }: SimulatorIdentityFormProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const fieldError = useFieldErrorText();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<IdentityForm, unknown, z.output<typeof identitySchema>>({
    resolver: zodResolver(identitySchema),
    defaultValues: initial,
  });

  return (
    <Card aria-labelledby={titleId} className="max-w-lg">
      <CardHeader>
        <CardTitle id={titleId}>{t('simulator.identity.title')}</CardTitle>
        <CardDescription>{t('simulator.identity.description')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form noValidate onSubmit={handleSubmit(onStart)} className="flex flex-col gap-4">
          <Field label={t('simulator.identity.name')} error={fieldError(errors.name?.message)}>
            {(control) => <Input {...control} autoComplete="off" {...register('name')} />}
          </Field>
          <Field
            label={t('simulator.identity.phone')}
            hint={t('simulator.identity.phoneHint')}
            error={fieldError(errors.phone?.message)}
          >
            {(control) => <Input {...control} type="tel" autoComplete="off" {...register('phone')} />}
          </Field>
          <div className="flex justify-end">
            <Button type="submit">{t('simulator.identity.start')}</Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
