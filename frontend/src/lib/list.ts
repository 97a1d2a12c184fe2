/** Paged lists of the API: `?page=&limit=&search=&sort=&order=` answering `{ items, total, page, limit }`. */

export type SortOrder = 'asc' | 'desc';

export type ListPage<T> = {
  items: T[];
  /** Every match of the filters, not only this page. */
  total: number;
  page: number;
  limit: number;
};

export const PAGE_SIZE = 20;

export type QueryValue = string | number | boolean | undefined | null;

/** `?a=1&b=x` from an object; undefined, null and empty values are left out, in the object's order. */
export function toQueryString(params: Record<string, QueryValue>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

export function isSortOrder(value: unknown): value is SortOrder {
  return value === 'asc' || value === 'desc';
}

/** A boolean filter kept as text: `'true'` → true, `'false'` → false, anything else → undefined (no filter). */
export function booleanParam(value: string): boolean | undefined {
  return value === 'true' ? true : value === 'false' ? false : undefined;
}
