import { readStored, writeOf, type DocumentTarget, type Store } from './documents';
import type { Grant } from './economy';
import { inventoryWritesFor, PLAIN_ECONOMY, type Economy } from './economy';
import { recordStorageWrites } from './metrics';
import { list, str, withDefault } from './shape';
import { isVersionConflict } from './storage';

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
  /** Indexes of targets this change leaves as they were (not written; at least one other target records the event). */
  untouched?: number[];
}

/** How many event ids a document remembers. Redelivery happens within seconds, not thousands of events. */
const REMEMBERED_EVENTS = 200;

/** The `processed` field of a once-document's shape: a stored list that is not one reads as empty. */
export const PROCESSED = withDefault(list(str(256), REMEMBERED_EVENTS), () => [] as string[]);

/** What applying a change needs: the store, and the economy grants go through (default: plain). */
export interface OnceServices extends Store { economy?: Economy }

/** Tries on version conflicts by default; documents many writers share (sharded counters) may pass more. */
export const ATTEMPTS = 5;

/** One event's change to one or more documents, as applyOnceAll takes it. */
export interface OnceUnit<T> {
  /** Documents of kinds with an empty value (core/documents.ts): a missing one is changed from empty. */
  targets: DocumentTarget<T>[];
  /** Recorded in every document the change writes, and any of them having it skips the unit (shared kinds excepted: core/documents.ts). */
  eventId: string;
  /**
   * The documents after the event (or null: nothing to do). It may change the documents it gets in
   * place, but only when it returns a change: a later unit of the same batch sees them.
   */
  change: (docs: T[]) => Change<T> | null;
}

/**
 * Apply `change` to one or more storage documents exactly once per `eventId`, together with its grants
 * (turned into wallet updates by `services.economy`: a plugin passes its services, so XP follows the season).
 * Why this is exactly-once: the document writes (each guarded by the version read) and the wallet
 * credits go through ONE nk.multiUpdate, i.e. one transaction, and every document records the event
 * id. A redelivered event finds its id and does nothing; a crash before the transaction commits leaves
 * nothing behind, so a retry applies it in full; two concurrent deliveries conflict on a version and
 * the loser re-reads, finds the id and stops.
 * Returns the change applied, or null when the event was already applied or changed nothing.
 */
export function applyOnce<T extends OnceDocument>(
  services: OnceServices,
  targets: DocumentTarget<T>[],
  eventId: string,
  change: (docs: T[]) => Change<T> | null,
  attempts = ATTEMPTS,
): Change<T> | null {
  return applyOnceAll(services, [{ targets, eventId, change }], attempts)[0];
}

/**
 * applyOnce for many events at once (e.g. a match tick's events for many players): every document
 * is read once, the units are applied in order (a unit sees the documents as earlier units of the
 * batch left them), and everything is written in ONE transaction, so the batch is applied entirely or
 * not at all, each event exactly once. On a version conflict the whole batch is re-read and re-applied.
 * Returns each unit's change, or null where its event was already applied or changed nothing.
 */
export function applyOnceAll<T extends OnceDocument>(services: OnceServices, units: OnceUnit<T>[], attempts = ATTEMPTS): (Change<T> | null)[] {
  const { nk } = services;
  const economy = services.economy || PLAIN_ECONOMY;
  // The distinct documents of the batch, in first-use order.
  const targets: DocumentTarget<T>[] = [];
  const indexOf: { [key: string]: number } = {};
  const unitIndexes = units.map((u) => u.targets.map((t) => {
    const key = targetKey(t);
    if (indexOf[key] === undefined) {
      indexOf[key] = targets.length;
      targets.push(t);
    }
    return indexOf[key];
  }));
  for (let attempt = 1; ; attempt++) {
    // Untrusted: a document of the wrong shape is repaired or, beyond repair, changed from empty
    // (and overwritten at its version).
    const stored = readStored(services, targets);
    const docs = stored.map((o, i) => (o.value !== null ? o.value : targets[i].kind.empty!()));
    const changed: boolean[] = targets.map(() => false);
    const results: (Change<T> | null)[] = [];
    let grants: Grant[] = [];
    let extra: nkruntime.StorageWriteRequest[] = [];
    units.forEach((unit, u) => {
      const mine = unitIndexes[u].map((i) => docs[i]);
      const absorbed = mine.some((d, j) => !isShared(unit, j) && d.processed.indexOf(unit.eventId) >= 0);
      const result = absorbed ? null : unit.change(mine);
      results.push(result);
      if (!result) return;
      unitIndexes[u].forEach((i, j) => {
        if (result.untouched && result.untouched.indexOf(j) >= 0) return;
        const value = result.values[j];
        if (!isShared(unit, j)) value.processed = mine[j].processed.concat(unit.eventId).slice(-REMEMBERED_EVENTS);
        docs[i] = value;
        changed[i] = true;
      });
      grants = grants.concat(result.grants);
      if (result.writes) extra = extra.concat(result.writes);
    });
    if (changed.indexOf(true) < 0) return results;
    const writes: nkruntime.StorageWriteRequest[] = [];
    targets.forEach((target, i) => {
      if (changed[i]) writes.push(writeOf(target, docs[i], stored[i].version || '*'));
    });
    try {
      const now = Date.now();
      const inventory = inventoryWritesFor(services, grants, now);
      const all = writes.concat(extra, inventory);
      const committed = nk.multiUpdate(null, all, null, economy.walletUpdates(services, grants, now), true);
      recordStorageWrites(nk, all.length);
      economy.afterCommit(services, grants, committed.walletUpdateAcks || []);
      return results;
    } catch (error) {
      if (!isVersionConflict(error) || attempt >= attempts) throw error;
    }
  }
}

/** Whether a unit's j-th document is of a shared kind (it keeps no event ids). */
const isShared = (unit: { targets: DocumentTarget<unknown>[] }, j: number) => !!unit.targets[j].kind.shared;

const targetKey = (t: DocumentTarget<unknown>) => `${t.collection}\n${t.key}\n${t.userId}`;
