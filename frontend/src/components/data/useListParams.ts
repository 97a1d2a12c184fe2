import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { isSortOrder, type SortOrder } from '@/lib/list';

type Changes = Record<string, string | undefined>;

function pageFrom(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/**
 * The state of a list page (filters, sort, page) kept in the URL's query string, so that it
 * survives opening an item and coming back, a reload or a shared link.
 *
 * `sort` is undefined until the user picks a column: the server's default order applies then
 * (relevance while searching).
 */
export function useListParams<S extends string>(sorts: readonly S[], defaultOrder: (sort: S) => SortOrder) {
  const [params, setParams] = useSearchParams();
  // The parameters as last written. React Router hands every update the parameters of the last
  // render, so two updates before the next render (two debounced filters firing together) would
  // each drop the other's change: they build on this instead.
  const latest = useRef(params);
  useEffect(() => {
    latest.current = params;
  }, [params]);
  const sortParam = params.get('sort');
  const sort = sorts.find((candidate) => candidate === sortParam);
  const orderParam = params.get('order');
  const order = sort === undefined ? undefined : isSortOrder(orderParam) ? orderParam : defaultOrder(sort);
  const page = pageFrom(params.get('page'));

  function get(name: string): string {
    return params.get(name) ?? '';
  }

  /** Sets (or, with '' or undefined, removes) parameters; any change but the page's goes back to page 1. */
  function update(changes: Changes) {
    const paging = 'page' in changes;
    const next = new URLSearchParams(latest.current);
    for (const [name, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(name);
      else next.set(name, value);
    }
    if (!paging) next.delete('page');
    latest.current = next;
    setParams(next, { replace: !paging });
  }

  function setPage(next: number) {
    update({ page: next === 1 ? undefined : String(next) });
  }

  /**
   * Sorts by `field`; `current` is the order the list shows now (the server's default when no
   * column was picked). The same field again reverses the order.
   */
  function sortBy(field: S, current?: { sort: S; order: SortOrder }) {
    const nextOrder = field === current?.sort ? (current.order === 'asc' ? 'desc' : 'asc') : defaultOrder(field);
    update({ sort: field, order: nextOrder });
  }

  return { get, update, sort, order, page, setPage, sortBy };
}
