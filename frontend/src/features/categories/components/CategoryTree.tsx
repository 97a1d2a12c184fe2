import { useTranslation } from 'react-i18next';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import type { Category } from '../api/categories';
import type { CategoryNode } from '../categoryTree';
import { DeleteCategoryDialog } from './DeleteCategoryDialog';

type CategoryTreeProps = {
  workspaceId: string;
  nodes: CategoryNode[];
  categories: readonly Category[];
  /** Admins and Managers: order controls, edit and delete. */
  canManage: boolean;
  /** The category open in the form, highlighted. */
  editingId: string | undefined;
  reordering: boolean;
  onMove: (node: CategoryNode, siblings: CategoryNode[], direction: 'up' | 'down') => void;
  onEdit: (category: Category) => void;
};

/** Categories nested under their parents, siblings in display order. */
export function CategoryTree({ nodes, ...props }: CategoryTreeProps) {
  return (
    <ul className="flex flex-col">
      {nodes.map((node, index) => (
        <CategoryItem key={node.category.id} node={node} siblings={nodes} index={index} {...props} />
      ))}
    </ul>
  );
}

type CategoryItemProps = Omit<CategoryTreeProps, 'nodes'> & {
  node: CategoryNode;
  siblings: CategoryNode[];
  index: number;
};

function CategoryItem({ node, siblings, index, ...props }: CategoryItemProps) {
  const { t } = useTranslation();
  const { workspaceId, categories, canManage, editingId, reordering, onMove, onEdit } = props;
  const { category } = node;

  return (
    <li aria-label={category.name} data-depth={node.depth}>
      <div
        className={cn('flex items-center gap-3 rounded-md py-2 pr-2', editingId === category.id && 'bg-brand-50')}
        style={{ paddingLeft: `${0.5 + node.depth * 1.75}rem` }}
      >
        <span className="flex min-w-0 flex-1 flex-wrap items-center gap-x-3 gap-y-1">
          {node.depth > 0 && (
            <span aria-hidden="true" className="text-slate-300">
              └
            </span>
          )}
          <span className="font-medium text-slate-900">{category.name}</span>
          {!category.active && <Badge>{t('categories.inactive')}</Badge>}
          <span className="text-xs text-slate-500">{t('categories.productCount', { n: category.productCount })}</span>
        </span>
        {canManage && (
          <span className="flex shrink-0 items-center gap-1">
            <Button
              variant="ghost"
              size="sm"
              aria-label={t('categories.moveUp', { name: category.name })}
              title={t('categories.moveUp', { name: category.name })}
              disabled={index === 0 || reordering}
              onClick={() => onMove(node, siblings, 'up')}
            >
              ↑
            </Button>
            <Button
              variant="ghost"
              size="sm"
              aria-label={t('categories.moveDown', { name: category.name })}
              title={t('categories.moveDown', { name: category.name })}
              disabled={index === siblings.length - 1 || reordering}
              onClick={() => onMove(node, siblings, 'down')}
            >
              ↓
            </Button>
            <Button
              variant="ghost"
              size="sm"
              aria-label={t('categories.edit', { name: category.name })}
              onClick={() => onEdit(category)}
            >
              {t('categories.editButton')}
            </Button>
            <DeleteCategoryDialog workspaceId={workspaceId} category={category} categories={categories} />
          </span>
        )}
      </div>
      {node.children.length > 0 && (
        <ul aria-label={t('categories.subcategoriesOf', { name: category.name })} className="flex flex-col">
          {node.children.map((child, childIndex) => (
            <CategoryItem key={child.category.id} node={child} siblings={node.children} index={childIndex} {...props} />
          ))}
        </ul>
      )}
    </li>
  );
}
