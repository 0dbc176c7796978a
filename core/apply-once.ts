import type { Grant } from './economy';
import { walletUpdateFor } from './economy';

/** A player document that remembers which events it has absorbed. */
export interface OnceDocument {
  /** Ids of the most recent events applied to this document (bounded, oldest dropped first). */
  processed: string[];
}

export interface Change<T> {
  /** The document after the event. */
  value: T;
  /** Credits to apply in the same transaction. */
  grants: Grant[];
}

/** How many event ids a document remembers. Redelivery happens within seconds, not thousands of events. */
const REMEMBERED_EVENTS = 200;
const ATTEMPTS = 5;
const VERSION_CONFLICT = 'version check failed';

/**
 * Apply `change` to a storage document exactly once per `eventId`, together with its grants.
 * Why this is exactly-once: the document write (guarded by the version read) and the wallet credits
 * go through ONE nk.multiUpdate, i.e. one transaction, and the document records the event id. A
 * redelivered event finds its id and does nothing; a crash before the transaction commits leaves
 * nothing behind, so a retry applies it in full; two concurrent deliveries conflict on the version and
 * the loser re-reads, finds the id and stops.
 * Returns the change applied, or null when the event was already applied or changed nothing.
 */
export function applyOnce<T extends OnceDocument>(
  nk: nkruntime.Nakama,
  target: { collection: string; key: string; userId: string },
  eventId: string,
  empty: () => T,
  change: (doc: T) => Change<T> | null,
): Change<T> | null {
  for (let attempt = 1; ; attempt++) {
    const [stored] = nk.storageRead([target]);
    const doc = stored ? (stored.value as unknown as T) : empty();
    if (doc.processed.indexOf(eventId) >= 0) return null;
    const result = change(doc);
    if (!result) return null;
    result.value.processed = doc.processed.concat(eventId).slice(-REMEMBERED_EVENTS);
    const write: nkruntime.StorageWriteRequest = {
      ...target,
      value: result.value as unknown as { [key: string]: unknown },
      version: stored ? stored.version : '*',
      permissionRead: 1,
      permissionWrite: 0,
    };
    try {
      nk.multiUpdate(null, [write], null, result.grants.map(walletUpdateFor), true);
      return result;
    } catch (error) {
      const conflict = String((error as { message?: string }).message || error).indexOf(VERSION_CONFLICT) >= 0;
      if (!conflict || attempt >= ATTEMPTS) throw error;
    }
  }
}
