import type { Grant } from './economy';
import { inventoryWritesFor, PLAIN_ECONOMY, type Economy } from './economy';
import { recordStorageWrites } from './metrics';
import { isVersionConflict, type Target } from './storage';

/** A player document that remembers which events it has absorbed. */
export interface OnceDocument {
  /** Ids of the most recent events applied to this document (bounded, oldest dropped first). */
  processed: string[];
}

export interface Change<T> {
  /** The documents after the event, in the order of the targets. */
  values: T[];
  /** Credits to apply in the same transaction. */
  grants: Grant[];
  /** Further objects to write in the same transaction (new keys of the event, e.g. history entries). */
  writes?: nkruntime.StorageWriteRequest[];
}


/** How many event ids a document remembers. Redelivery happens within seconds, not thousands of events. */
const REMEMBERED_EVENTS = 200;
/** Tries on version conflicts by default; documents many writers share (sharded counters) may pass more. */
export const ATTEMPTS = 5;

/**
 * Apply `change` to one or more storage documents exactly once per `eventId`, together with its grants
 * (turned into wallet updates by `economy`: pass the plugin's `services.economy` so XP follows the season).
 * Why this is exactly-once: the document writes (each guarded by the version read) and the wallet
 * credits go through ONE nk.multiUpdate, i.e. one transaction, and every document records the event
 * id. A redelivered event finds its id and does nothing; a crash before the transaction commits leaves
 * nothing behind, so a retry applies it in full; two concurrent deliveries conflict on a version and
 * the loser re-reads, finds the id and stops.
 * Returns the change applied, or null when the event was already applied or changed nothing.
 */
export function applyOnce<T extends OnceDocument>(
  nk: nkruntime.Nakama,
  targets: Target[],
  eventId: string,
  empty: () => T,
  change: (docs: T[]) => Change<T> | null,
  economy: Economy = PLAIN_ECONOMY,
  attempts = ATTEMPTS,
): Change<T> | null {
  const same = (a: Target, b: Target) => a.collection === b.collection && a.key === b.key && a.userId === b.userId;
  for (let attempt = 1; ; attempt++) {
    const objects = nk.storageRead(targets);
    const stored = targets.map((t) => objects.filter((o) => same(o, t))[0]);
    const docs = stored.map((o) => (o ? (o.value as unknown as T) : empty()));
    if (docs.some((d) => d.processed.indexOf(eventId) >= 0)) return null;
    const result = change(docs);
    if (!result) return null;
    const writes = targets.map((target, i): nkruntime.StorageWriteRequest => {
      const value = result.values[i];
      value.processed = docs[i].processed.concat(eventId).slice(-REMEMBERED_EVENTS);
      return {
        ...target,
        value: value as unknown as { [key: string]: unknown },
        version: stored[i] ? stored[i].version : '*',
        permissionRead: 1,
        permissionWrite: 0,
      };
    });
    try {
      const now = Date.now();
      const inventory = inventoryWritesFor(nk, result.grants, now);
      const all = writes.concat(result.writes || [], inventory);
      const committed = nk.multiUpdate(null, all, null, economy.walletUpdates(nk, result.grants, now), true);
      recordStorageWrites(nk, all.length);
      economy.afterCommit(nk, result.grants, committed.walletUpdateAcks || []);
      return result;
    } catch (error) {
      if (!isVersionConflict(error) || attempt >= attempts) throw error;
    }
  }
}
