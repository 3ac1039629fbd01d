// Workspaces: the real records (IndexedDB database `kaohe`) and a separate demo workspace
// (database `kaohe-demo`) for generated demo data, so demo attempts never mix with real ones
// and the demo can be removed in one click (the whole database is deleted).

export const REAL_DB = 'kaohe';
export const DEMO_DB = 'kaohe-demo';
const KEY = 'kaoheWorkspace';

/** 'demo' or 'real' (the default). */
export function currentWorkspace() {
  try {
    return localStorage.getItem(KEY) === 'demo' ? 'demo' : 'real';
  } catch {
    return 'real';
  }
}

/** The IndexedDB database of the current workspace. */
export const workspaceDb = () => (currentWorkspace() === 'demo' ? DEMO_DB : REAL_DB);

/** Switches workspace and reloads the page on `hash`, so every view reads the other database. */
export function switchWorkspace(name, hash = '#/data') {
  localStorage.setItem(KEY, name === 'demo' ? 'demo' : 'real');
  location.hash = hash;
  location.reload();
}

/**
 * Deletes the demo workspace's whole database (after closing `store` if it is the demo's), then
 * returns to the real workspace. Resolves once the database is gone.
 */
export async function removeDemoWorkspace(store) {
  if (store?.name === DEMO_DB) store.close();
  await new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(DEMO_DB);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => resolve();
  });
  localStorage.setItem(KEY, 'real');
}
