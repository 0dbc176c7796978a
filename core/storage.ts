import { addressOf, readStored, writeOf, type DocumentTarget, type Store } from './documents';

/**
 * A storage key that sorts newest first (Nakama lists a user's objects by key): the time counted
 * down from 9999999999999 ms, zero-padded, then `id`.
 */
export function newestFirstKey(ms: number, id: string): string {
  return `${String(9999999999999 - ms).padStart(13, '0')}:${id}`;
}

/** A storage document's address. */
export interface Target { collection: string; key: string; userId: string }

const ATTEMPTS = 5;
const VERSION_CONFLICT = 'version check failed';

/** True for the error a version-checked write fails with when someone else wrote first. */
export function isVersionConflict(error: unknown): boolean {
  return String((error as { message?: string }).message || error).indexOf(VERSION_CONFLICT) >= 0;
}

/**
 * Read-modify-write of one document, safe under concurrent writers: the write is checked against the
 * version read, and a conflict re-reads and re-applies `change` (up to 5 times). `change` gets the
 * stored value (repaired to its kind's shape; null: none, or beyond repair) and returns the new value,
 * null to leave it as it is, or 'delete'. Returns the value stored afterwards (null: none).
 * `alongside` adds writes that land in the same storage write as the new value (all or none; e.g. a
 * create-only history entry of it), made again on every attempt.
 */
export function updateDocument<T>(store: Store, target: DocumentTarget<T>, change: (current: T | null) => T | null | 'delete', alongside?: (next: T) => nkruntime.StorageWriteRequest[]): T | null {
  const { nk } = store;
  for (let attempt = 1; ; attempt++) {
    const [stored] = readStored(store, [target]);
    const next = change(stored.value);
    try {
      if (next === 'delete') {
        if (stored.version) nk.storageDelete([{ ...addressOf(target), version: stored.version }]);
        return null;
      }
      if (next === null) return stored.value;
      nk.storageWrite([writeOf(target, next, stored.version || '*')].concat(alongside ? alongside(next) : []));
      return next;
    } catch (error) {
      if (!isVersionConflict(error) || attempt >= ATTEMPTS) throw error;
    }
  }
}
