import { z } from 'zod';
import { validation } from '@/components/form/validation';

/** The server's rules for a customer's details (registration and profile), checked before sending. */
export const contactSchema = {
  name: z.string().trim().min(1, validation('required')).max(100, validation('tooLong')),
  email: z
    .string()
    .trim()
    .min(1, validation('required'))
    .max(254, validation('tooLong'))
    .pipe(z.email(validation('email'))),
  language: z.enum(['en', 'it', 'es', 'pt'], validation('required')),
};

export const addressSchema = z.object({
  line1: z.string().trim().min(1, validation('required')).max(200, validation('tooLong')),
  city: z.string().trim().min(1, validation('required')).max(100, validation('tooLong')),
  postalCode: z.string().trim().min(1, validation('required')).max(20, validation('tooLong')),
  country: z.string().regex(/^[A-Z]{2}$/, validation('required')),
});

/** The fields of `ContactFields` and `AddressFields`, named like the JSON fields of a 422 answer, in page order. */
export const CONTACT_FIELDS = ['name', 'email', 'language'] as const;
export const ADDRESS_FIELDS = [
  'shippingAddress.line1',
  'shippingAddress.city',
  'shippingAddress.postalCode',
  'shippingAddress.country',
] as const;
