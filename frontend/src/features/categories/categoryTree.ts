import type { Category } from './api/categories';

export type CategoryNode = {
  category: Category;
  depth: number;
  children: CategoryNode[];
};

function bySiblingOrder(a: Category, b: Category): number {
  return a.displayOrder - b.displayOrder || a.name.localeCompare(b.name);
}

/**
 * The categories as a tree: top-level ones first, each followed by its sub-categories, siblings
 * by display order then name. A category whose parent is unknown is shown at the top level.
 */
export function buildCategoryTree(categories: readonly Category[]): CategoryNode[] {
  const ids = new Set(categories.map((category) => category.id));
  const childrenOf = new Map<string | null, Category[]>();
  for (const category of categories) {
    const parent = category.parentId !== null && ids.has(category.parentId) ? category.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), category]);
  }
  const visited = new Set<string>();
  function nodes(parent: string | null, depth: number): CategoryNode[] {
    return [...(childrenOf.get(parent) ?? [])]
      .sort(bySiblingOrder)
      .filter((category) => !visited.has(category.id))
      .map((category) => {
        visited.add(category.id);
        return { category, depth, children: nodes(category.id, depth + 1) };
      });
  }
  return nodes(null, 0);
}

/** The tree in display order, depth first: for lists and selects. */
export function flattenTree(nodes: readonly CategoryNode[]): CategoryNode[] {
  return nodes.flatMap((node) => [node, ...flattenTree(node.children)]);
}

/** `id` and the ids of all its sub-categories, at any depth. */
export function subtreeIds(categories: readonly Category[], id: string): Set<string> {
  const result = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const category of categories) {
      if (category.parentId !== null && result.has(category.parentId) && !result.has(category.id)) {
        result.add(category.id);
        grew = true;
      }
    }
  }
  return result;
}

/** "Formaggi › Formaggi stagionati": names from the top level down, for select options. */
export function categoryPath(categories: readonly Category[], id: string): string {
  const byId = new Map(categories.map((category) => [category.id, category]));
  const names: string[] = [];
  const seen = new Set<string>();
  for (let current = byId.get(id); current && !seen.has(current.id); current = byId.get(current.parentId ?? '')) {
    seen.add(current.id);
    names.unshift(current.name);
  }
  return names.join(' › ');
}

/** Options for a category select: every category (but those in `exclude`) by its path, in tree order. */
export function categoryOptions(
  categories: readonly Category[],
  exclude: ReadonlySet<string> = new Set(),
): Array<{ id: string; label: string }> {
  return flattenTree(buildCategoryTree(categories))
    .filter((node) => !exclude.has(node.category.id))
    .map((node) => ({ id: node.category.id, label: categoryPath(categories, node.category.id) }));
}

/**
 * The new display orders after moving `node` one place among `siblings`: the siblings are
 * numbered 1, 2, 3… in their new order, and only those whose number changes are sent.
 */
export function reorderedSiblings(
  siblings: readonly CategoryNode[],
  node: CategoryNode,
  direction: 'up' | 'down',
): Array<{ id: string; displayOrder: number }> {
  const order = siblings.map((sibling) => sibling.category);
  const from = order.findIndex((category) => category.id === node.category.id);
  const to = direction === 'up' ? from - 1 : from + 1;
  const moving = order[from];
  const other = order[to];
  if (!moving || !other) return [];
  order[to] = moving;
  order[from] = other;
  return order
    .map((category, index) => ({ id: category.id, displayOrder: index + 1, current: category.displayOrder }))
    .filter((change) => change.displayOrder !== change.current)
    .map(({ id, displayOrder }) => ({ id, displayOrder }));
}
