import { useLocation, useParams } from 'react-router';
import type { WorkspaceSection } from '@/features/auth/permissions';
import { workspaceSectionPath } from '@/features/workspaces/workspaceNav';

/** Carried by links from a list to its items, so that "back" returns to the same filters and page. */
export type ListLinkState = { listSearch?: string };

/** The state to give a link from the current list page to one of its items. */
export function useListLinkState(): ListLinkState {
  return { listSearch: useLocation().search };
}

/** The path of the list of `section`, with the filters it had when the item was opened from it. */
export function useListPath(section: WorkspaceSection): string {
  const { workspaceId = '' } = useParams();
  const state = useLocation().state as ListLinkState | null;
  const search = typeof state?.listSearch === 'string' ? state.listSearch : '';
  return `${workspaceSectionPath(workspaceId, section)}${search}`;
}
