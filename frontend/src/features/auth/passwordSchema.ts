import { z } from 'zod';
import { PASSWORD_MIN_LENGTH, validation } from '@/components/form/validation';

/** A new password typed twice. */
export const newPasswordSchema = z
  .object({
    newPassword: z.string().min(PASSWORD_MIN_LENGTH, validation('passwordTooShort')),
    confirmPassword: z.string(),
  })
  .refine((values) => values.newPassword === values.confirmPassword, {
    ...validation('passwordMismatch'),
    path: ['confirmPassword'],
  });
