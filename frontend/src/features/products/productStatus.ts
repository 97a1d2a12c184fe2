import type { BadgeProps } from '@/components/ui/badge';
import type { ProductStatus } from './api/products';

export const PRODUCT_STATUS_TONES: Record<ProductStatus, BadgeProps['tone']> = {
  active: 'success',
  inactive: 'neutral',
  draft: 'warning',
};
