/** Remembers, per user and per browser, the workspace to open on `/`. */
const KEY_PREFIX = 'shopme.lastWorkspace.';

export function readLastWorkspace(userId: string): string | null {
  try {
    return window.localStorage.getItem(KEY_PREFIX + userId);
  } catch {
    return null;
  }
}

export function storeLastWorkspace(userId: string, workspaceId: string): void {
  try {
    window.localStorage.setItem(KEY_PREFIX + userId, workspaceId);
  } catch {
    // Storage can be unavailable: `/` then opens the first workspace.
  }
}
