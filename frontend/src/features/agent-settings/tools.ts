/** How the tools of the agent are grouped on the page, in the server's order. */
export const TOOL_GROUPS = {
  catalog: [
    'search_products',
    'get_product',
    'list_categories',
    'products_by_category',
    'search_services',
    'search_faq',
    'current_offers',
  ],
  cart: ['add_to_cart', 'remove_from_cart', 'view_cart', 'apply_promo_code', 'checkout'],
  orders: ['order_status', 'recent_orders'],
  links: ['tracking_link', 'invoice_link', 'profile_link'],
  support: ['contact_operator'],
} as const;

export type ToolGroup = keyof typeof TOOL_GROUPS;
export type KnownTool = (typeof TOOL_GROUPS)[ToolGroup][number];

/** Stored when chosen, but not offered to the model before a later release. */
export const COMING_SOON_GROUPS: ReadonlySet<ToolGroup> = new Set<ToolGroup>(['cart', 'orders', 'links']);

const KNOWN: ReadonlySet<string> = new Set(Object.values(TOOL_GROUPS).flat());

export function isKnownTool(name: string): name is KnownTool {
  return KNOWN.has(name);
}

/** The tools of `available` by group, in page order; tools this page does not know yet go last, under "other". */
export function groupTools(available: readonly string[]): { group: ToolGroup | 'other'; tools: string[] }[] {
  const groups = (Object.keys(TOOL_GROUPS) as ToolGroup[])
    .map((group) => ({ group, tools: available.filter((tool) => (TOOL_GROUPS[group] as readonly string[]).includes(tool)) }))
    .filter(({ tools }) => tools.length > 0);
  const other = available.filter((tool) => !isKnownTool(tool));
  return other.length > 0 ? [...groups, { group: 'other' as const, tools: other }] : groups;
}
