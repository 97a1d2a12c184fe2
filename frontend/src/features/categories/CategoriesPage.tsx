import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Loading } from '@/components/feedback/Loading';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { PageHeader } from '@/components/layout/PageHeader';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { can } from '@/features/auth/permissions';
import { useCurrentMembership } from '@/features/workspaces/useCurrentMembership';
import { useCategories, useReorderCategories } from './api/categories';
import { buildCategoryTree, reorderedSiblings, type CategoryNode } from './categoryTree';
import { CategoryForm } from './components/CategoryForm';
import { CategoryTree } from './components/CategoryTree';

export function CategoriesPage() {
  const { t } = useTranslation();
  const treeTitleId = useId();
  const { workspaceId = '' } = useParams();
  const membership = useCurrentMembership();
  const canManage = can(membership?.role, 'catalog.manage');
  const categories = useCategories(workspaceId);
  const reorder = useReorderCategories(workspaceId);
  const [editingId, setEditingId] = useState<string | undefined>();
  const editing = categories.data?.find((category) => category.id === editingId);

  function handleMove(node: CategoryNode, siblings: CategoryNode[], direction: 'up' | 'down') {
    const changes = reorderedSiblings(siblings, node, direction);
    if (changes.length > 0) reorder.mutate(changes);
  }

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={t('categories.title')} description={t('categories.subtitle')} />
      {categories.isError ? (
        <ProblemAlert error={categories.error} message={t('categories.loadFailed')} />
      ) : categories.data ? (
        <div className={canManage ? 'grid items-start gap-6 lg:grid-cols-[3fr_2fr]' : 'flex flex-col'}>
          <Card aria-labelledby={treeTitleId}>
            <CardHeader>
              <CardTitle id={treeTitleId}>{t('categories.treeTitle')}</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-3">
              {reorder.isError && <ProblemAlert error={reorder.error} message={t('categories.reorderFailed')} />}
              {categories.data.length === 0 ? (
                <p className="text-sm text-slate-500">{t('categories.empty')}</p>
              ) : (
                <CategoryTree
                  workspaceId={workspaceId}
                  nodes={buildCategoryTree(categories.data)}
                  categories={categories.data}
                  canManage={canManage}
                  editingId={editingId}
                  reordering={reorder.isPending}
                  onMove={handleMove}
                  onEdit={(category) => setEditingId(category.id)}
                />
              )}
            </CardContent>
          </Card>
          {canManage && (
            <CategoryForm
              key={editing?.id ?? 'new'}
              workspaceId={workspaceId}
              categories={categories.data}
              category={editing}
              onDone={() => setEditingId(undefined)}
            />
          )}
        </div>
      ) : (
        <Loading />
      )}
    </div>
  );
}
