import type { DomainEvent } from '../../core/events';

/**
 * A match's outbox: events it has handed to the node's delivery worker (matches/shared/delivery-worker.ts)
 * and the worker has not confirmed yet. Why: a plugin delivery is database round trips, and made on
 * the match's goroutine each one waits for a CPU again when the node is busy, so a tick that delivers
 * overruns; handed off, the match's ticks do none.
 *
 * The protocol, all between ticks (Nakama runs a match's signals between its ticks): the match puts
 * `next` (its sequence number after the last handed event) in the node cache under outboxKey; the
 * worker, seeing it above what it confirmed, signals `deliveries <n>`, meaning "everything before
 * sequence n is applied"; the match drops those and answers with the events that follow, which the
 * worker applies and confirms with its next signal. Exactly once: plugins apply each event id once
 * (core/apply-once.ts), so an event applied twice (two workers, or the match taking it back while the
 * worker applies it) changes nothing the second time.
 */
export interface Outbox {
  events: DomainEvent[];
  /** The sequence number of events[0] (events handed before it are confirmed or taken back). */
  from: number;
  /** When the worker last made progress on it (ms; or when it was last empty and got events). */
  progressAt: number;
}

/** The node cache key of the worker's match id (the worker refreshes it every tick: see WORKER_TTL_S). */
export const WORKER_KEY = 'delivery:worker';
/** The key's time to live (s): a match hands off only while a worker has refreshed it this recently. */
export const WORKER_TTL_S = 5;
/** The node cache key of a match's `next` sequence number. */
export const outboxKey = (matchId: string) => `delivery:outbox:${matchId}`;
/** How long the cache keeps an outbox key after its last change (s): ended matches delete theirs, crashed ones' expire. */
const OUTBOX_TTL_S = 600;
/** Events per answer at most (a 100-player match end is a few hundred). */
export const TAKE_MAX = 100;
/** A worker that has not made progress on an outbox this long is bypassed: the match takes its events back and delivers them itself. */
export const HANDOFF_TIMEOUT_MS = 10000;
/** The signal a worker sends, `deliveries <n>`, and how a match reads it. */
export const deliveriesSignal = (confirmed: number) => `deliveries ${confirmed}`;
export const DELIVERIES_SIGNAL = /^deliveries (\d+)$/;

export const emptyOutbox = (): Outbox => ({ events: [], from: 0, progressAt: 0 });

/** Whether a delivery worker runs on this node (it refreshed its key within WORKER_TTL_S). */
export function workerRuns(nk: nkruntime.Nakama): boolean {
  return !!nk.localcacheGet(WORKER_KEY);
}

/** Hand events to the worker, and publish the match's new `next`. */
export function handOff(nk: nkruntime.Nakama, matchId: string, outbox: Outbox, events: DomainEvent[], now: number): void {
  if (outbox.events.length === 0) outbox.progressAt = now;
  for (const event of events) outbox.events.push(event);
  nk.localcachePut(outboxKey(matchId), outbox.from + outbox.events.length, OUTBOX_TTL_S);
}

/** The worker's signal: drop what it confirmed, answer with what follows (JSON: {from, events}). */
export function answer(outbox: Outbox, confirmed: number, now: number): string {
  const done = Math.min(confirmed - outbox.from, outbox.events.length);
  if (done > 0) {
    outbox.events.splice(0, done);
    outbox.from += done;
    outbox.progressAt = now;
  }
  return JSON.stringify({ from: outbox.from, events: outbox.events.slice(0, TAKE_MAX) });
}

/** Every event still in the outbox, taken back (the match delivers them itself). */
export function takeBack(outbox: Outbox): DomainEvent[] {
  const events = outbox.events.splice(0, outbox.events.length);
  outbox.from += events.length;
  return events;
}

/** Whether the worker has let the outbox wait too long. */
export const overdue = (outbox: Outbox, now: number) => outbox.events.length > 0 && now - outbox.progressAt >= HANDOFF_TIMEOUT_MS;
