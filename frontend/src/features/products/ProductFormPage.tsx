import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useListPath } from '@/components/data/listLinks';
import { Loading } from '@/components/feedback/Loading';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { PageHeader } from '@/components/layout/PageHeader';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { TextLink } from '@/components/ui/text-link';
import { can } from '@/features/auth/permissions';
import { useCategories } from '@/features/categories/api/categories';
import { useWorkspace } from '@/features/workspaces/api/workspaces';
import { useCurrentMembership } from '@/features/workspaces/useCurrentMembership';
import { formatDateTime } from '@/lib/format';
import { useCreateProduct, useDeleteProduct, useProduct, useUpdateProduct, type Product } from './api/products';
import { ProductForm } from './components/ProductForm';
import { PRODUCT_STATUS_TONES } from './productStatus';

function BackToProducts() {
  const { t } = useTranslation();
  return <TextLink to={useListPath('products')}>← {t('products.back')}</TextLink>;
}

function ProductImages({ product }: { product: Product }) {
  const { t } = useTranslation();
  const titleId = useId();
  if (product.images.length === 0) return null;
  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>{t('products.form.images')}</CardTitle>
      </CardHeader>
      <CardContent>
        <ul className="flex flex-wrap gap-3">
          {product.images.map((image, index) => (
            <li key={image.id}>
              <img
                src={image.url}
                alt={t('products.form.imageAlt', { name: product.name, n: index + 1 })}
                className="size-28 rounded-lg border border-slate-200 object-cover"
              />
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}

/** `/w/:workspaceId/products/new` (Admins and Managers). */
export function NewProductPage() {
  const { t } = useTranslation();
  const { workspaceId = '' } = useParams();
  const navigate = useNavigate();
  const listPath = useListPath('products');
  const workspace = useWorkspace(workspaceId);
  const categories = useCategories(workspaceId);
  const create = useCreateProduct(workspaceId);
  const error = workspace.error ?? categories.error;

  return (
    <div className="flex flex-col gap-6">
      <BackToProducts />
      <PageHeader title={t('products.form.newTitle')} />
      {error ? (
        <ProblemAlert error={error} message={t('products.form.loadFailed')} />
      ) : workspace.data && categories.data ? (
        <ProductForm
          currency={workspace.data.currency}
          categories={categories.data}
          defaultLanguage={workspace.data.defaultLanguage}
          readOnly={false}
          onSubmit={(values) => create.mutateAsync(values).then(() => navigate(listPath))}
          saving={create.isPending}
          error={create.error}
          submitLabel={t('products.form.create')}
        />
      ) : (
        <Loading />
      )}
    </div>
  );
}

/** `/w/:workspaceId/products/:productId`: the product's form, read-only for Agents. */
export function EditProductPage() {
  const { t, i18n } = useTranslation();
  const { workspaceId = '', productId = '' } = useParams();
  const navigate = useNavigate();
  const listPath = useListPath('products');
  const membership = useCurrentMembership();
  const canManage = can(membership?.role, 'catalog.manage');
  const workspace = useWorkspace(workspaceId);
  const categories = useCategories(workspaceId);
  const product = useProduct(workspaceId, productId);
  const update = useUpdateProduct(workspaceId, productId);
  const remove = useDeleteProduct(workspaceId);
  const error = product.error ?? workspace.error ?? categories.error;

  function handleDelete() {
    remove.mutate(productId, { onSuccess: () => void navigate(listPath) });
  }

  return (
    <div className="flex flex-col gap-6">
      <BackToProducts />
      <PageHeader
        title={product.data?.name ?? t('products.form.editTitle')}
        description={
          product.data && (
            <span className="flex flex-wrap items-center gap-2">
              <Badge tone={PRODUCT_STATUS_TONES[product.data.status]}>{t(`products.statuses.${product.data.status}`)}</Badge>
              <span>
                {t('products.form.updatedAt', {
                  date: formatDateTime(product.data.updatedAt, i18n.resolvedLanguage ?? 'en'),
                })}
              </span>
            </span>
          )
        }
      />
      {remove.isError && <ProblemAlert error={remove.error} message={t('products.form.deleteFailed')} />}
      {error ? (
        <ProblemAlert error={error} message={t('products.form.loadFailed')} />
      ) : workspace.data && categories.data && product.data ? (
        <>
          <ProductImages product={product.data} />
          <ProductForm
            key={product.data.id}
            product={product.data}
            currency={workspace.data.currency}
            categories={categories.data}
            defaultLanguage={workspace.data.defaultLanguage}
            readOnly={!canManage}
            onSubmit={(values) => update.mutateAsync(values).then(() => navigate(listPath))}
            saving={update.isPending}
            error={update.error}
            submitLabel={t('products.form.save')}
            extraActions={
              <ConfirmDialog
                trigger={
                  <Button variant="danger-outline" disabled={remove.isPending}>
                    {t('products.form.delete')}
                  </Button>
                }
                title={t('products.form.deleteTitle', { name: product.data.name })}
                description={t('products.form.deleteDescription')}
                confirmLabel={t('products.form.delete')}
                cancelLabel={t('common.cancel')}
                onConfirm={handleDelete}
                destructive
              />
            }
          />
        </>
      ) : (
        <Loading />
      )}
    </div>
  );
}
