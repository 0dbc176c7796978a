import { applyOnce, PROCESSED, type OnceDocument, type OnceServices, type OnceUnit } from '../../core/apply-once';
import { playerNow } from '../../core/clock';
import { defineDocument, documentAt, readDocument, readDocuments, type DocumentTarget, type Store } from '../../core/documents';
import { REWARDS_SHAPE, type Grant, type Rewards } from '../../core/economy';
import { int, list, obj, oneOf, optional, str, withDefault } from '../../core/shape';

export const STATUSES = ['PENDING', 'CLAIMED', 'EXPIRED', 'REVOKED'] as const;
export type DistributionStatus = (typeof STATUSES)[number];

/**
 * One reward waiting in a player's inbox (a distribution): PENDING until CLAIMED, or EXPIRED after
 * `expires_at`, or REVOKED by an admin with a reason. Its id is `<source>:<source_id>`, so a source
 * delivers it once.
 */
export interface Distribution {
  id: string;
  /** What gave it: quest, quest_step, achievement, admin, ... */
  source: string;
  /** Which one of the source, e.g. `<quest id>/<step id>`. */
  source_id: string;
  rewards: Rewards;
  status: DistributionStatus;
  created_at: number;
  /** null: never expires. */
  expires_at: number | null;
  /** When it was claimed, expired (first seen so) or revoked. */
  settled_at?: number;
  /** Why it was revoked, and by whom. */
  reason?: string;
  revoked_by?: string;
}

/** A player's inbox in one game (storage `<game_id>:reward_inbox` / `inbox`, server-written). */
export interface InboxDocument extends OnceDocument {
  rewards: Distribution[];
}

/** Pending rewards kept at most per player and game (a source that would pass it fails its transaction instead of losing one). */
export const MAX_PENDING = 500;
/** Settled rewards kept for the history, newest. */
const KEEP_SETTLED = 50;
/** Rewards expire this long after delivery unless their source says otherwise. */
export const DEFAULT_EXPIRY_MS = 30 * 86400000;

const DISTRIBUTION = obj({
  id: str(200), source: str(32), source_id: str(160), rewards: REWARDS_SHAPE, status: oneOf(...STATUSES), created_at: int(0),
  expires_at: withDefault(int(0), () => null as unknown as number), settled_at: optional(int(0)), reason: optional(str(256)), revoked_by: optional(str(36)),
});

export const REWARD_INBOX = defineDocument<InboxDocument>({
  name: 'reward_inbox',
  owner: 'player',
  shared: true,
  shape: obj({ rewards: withDefault(list(DISTRIBUTION, MAX_PENDING + KEEP_SETTLED), () => []), processed: PROCESSED }),
  empty: () => ({ rewards: [], processed: [] }),
});

export const inboxTarget = (gameId: string, userId: string) => documentAt(REWARD_INBOX, gameId, 'inbox', userId);

/** What a source delivers. */
export interface Delivery {
  source: string;
  source_id: string;
  rewards: Rewards;
  /** ms since the epoch; default: DEFAULT_EXPIRY_MS after delivery; null: never. */
  expires_at?: number | null;
}

/** The status as it stands at `now` (a pending reward past its expiry is expired). */
export const statusAt = (d: Distribution, now: number): DistributionStatus => (d.status === 'PENDING' && d.expires_at !== null && now >= d.expires_at ? 'EXPIRED' : d.status);

/**
 * Add a delivery to the inbox in place (inside the source's own transaction), once per id; returns
 * the distribution, or null when one with its id is there already.
 */
export function deliver(doc: InboxDocument, delivery: Delivery, now: number): Distribution | null {
  const id = `${delivery.source}:${delivery.source_id}`;
  if (doc.rewards.some((d) => d.id === id)) return null;
  settleExpired(doc, now);
  if (doc.rewards.filter((d) => d.status === 'PENDING').length >= MAX_PENDING) throw new Error(`reward inbox full: ${MAX_PENDING} pending rewards`);
  const expires = delivery.expires_at === undefined ? now + DEFAULT_EXPIRY_MS : delivery.expires_at;
  const d: Distribution = { id, source: delivery.source, source_id: delivery.source_id, rewards: delivery.rewards, status: 'PENDING', created_at: now, expires_at: expires };
  doc.rewards.push(d);
  return d;
}

/** Mark expired ones so and keep the newest KEEP_SETTLED settled ones (in place). */
export function settleExpired(doc: InboxDocument, now: number): void {
  for (const d of doc.rewards) {
    if (statusAt(d, now) === 'EXPIRED' && d.status === 'PENDING') {
      d.status = 'EXPIRED';
      d.settled_at = now;
    }
  }
  const settled = doc.rewards.filter((d) => d.status !== 'PENDING');
  if (settled.length > KEEP_SETTLED) {
    const drop = settled.sort((a, b) => (a.settled_at || 0) - (b.settled_at || 0)).slice(0, settled.length - KEEP_SETTLED);
    doc.rewards = doc.rewards.filter((d) => drop.indexOf(d) < 0);
  }
}

/** The grant that pays a distribution (its source id is the distribution's: a claim pays once). */
export const grantOf = (d: Distribution, gameId: string, userId: string): Grant => ({ userId, gameId, rewards: d.rewards, reason: `${d.source}:${d.source_id}`, sourceId: `inbox/${d.id}/${userId}` });

/**
 * An applyOnce unit over a player's own document and their inbox, for sources that deliver in their
 * own transactions: `change` changes the document in place and returns the deliveries now due (null:
 * nothing changed); the inbox is written only when one of them is new.
 */
export function withInbox<T extends OnceDocument>(target: DocumentTarget<T>, gameId: string, eventId: string, now: number, change: (doc: T) => Delivery[] | null): OnceUnit<OnceDocument> {
  return {
    targets: [target, inboxTarget(gameId, target.userId)] as DocumentTarget<OnceDocument>[],
    eventId,
    change: ([doc, inbox]) => {
      const due = change(doc as T);
      if (!due) return null;
      const delivered = due.filter((d) => deliver(inbox as InboxDocument, d, now) !== null);
      return { values: [doc, inbox], grants: [], untouched: delivered.length > 0 ? [] : [1] };
    },
  };
}

/** One player's inbox takes every claim, revoke, send and source delivery of theirs: bursts of them retry longer than the default. */
export const INBOX_ATTEMPTS = 50;

/**
 * Claim the pending rewards `pick` chooses, in one transaction with their payment (all or none);
 * returns those claimed (empty: none picked). Every claim path goes through here.
 */
export function claimPending(services: OnceServices, gameId: string, userId: string, now: number, pick: (pending: Distribution[]) => Distribution[]): Distribution[] {
  let claimed: Distribution[] = [];
  applyOnce(services, [inboxTarget(gameId, userId)], `reward_claim:${services.nk.uuidv4()}`, ([doc]) => {
    settleExpired(doc, now);
    claimed = pick(doc.rewards.filter((d) => d.status === 'PENDING'));
    for (const d of claimed) {
      d.status = 'CLAIMED';
      d.settled_at = now;
    }
    return claimed.length > 0 ? { values: [doc], grants: claimed.map((d) => grantOf(d, gameId, userId)) } : null;
  }, INBOX_ATTEMPTS);
  return claimed;
}

/**
 * What a plugin whose rewards wait for a claim has due for one player (achievements claimed by hand,
 * season tiers, live-event goals and ranks): its documents that record what it delivered, and a
 * function that marks in them (in place) what is due now and returns those deliveries. The inbox moves
 * them in with ONE transaction over the inbox and those documents, so each is delivered once.
 */
export interface DueRewards {
  targets: DocumentTarget<OnceDocument>[];
  /**
   * Called on the documents as read (again after a version conflict): marks in them what is due now.
   * Beside them it may only read (a rank, a cached total) or repeat an idempotent repair.
   */
  take(docs: OnceDocument[]): Delivery[];
}

/** A source of rewards that wait for a claim: what it has due for a player now (null: nothing to look at). */
export type InboxSource = (services: OnceServices, gameId: string, userId: string, now: number) => DueRewards | null;

/**
 * Move what the sources have due into the player's inbox (one transaction; nothing written when nothing
 * is due) and return the inbox as it is then.
 */
export function collectDue(services: OnceServices, gameId: string, userId: string, now: number, sources: InboxSource[]): InboxDocument {
  const dues = sources.map((source) => source(services, gameId, userId, now)).filter((d): d is DueRewards => d !== null);
  if (dues.length === 0) return readDocument(services, inboxTarget(gameId, userId))!;
  const targets = ([inboxTarget(gameId, userId)] as DocumentTarget<OnceDocument>[]).concat(...dues.map((d) => d.targets));
  let inbox = null as InboxDocument | null; // "as": assigned in a closure, so not narrowed to null
  applyOnce(services, targets, `inbox_collect:${services.nk.uuidv4()}`, (docs) => {
    const read = (inbox = docs[0] as InboxDocument);
    const untouched: number[] = [];
    let at = 1;
    for (const due of dues) {
      const mine = docs.slice(at, at + due.targets.length);
      const delivered = due.take(mine).filter((delivery) => deliver(read, delivery, now) !== null);
      if (delivered.length === 0) mine.forEach((_, j) => untouched.push(at + j));
      at += due.targets.length;
    }
    return untouched.length === targets.length - 1 ? null : { values: docs, grants: [], untouched };
  }, INBOX_ATTEMPTS);
  return inbox!;
}

/**
 * A player's document of a source, read in ONE storage read with their inbox, and the source ids of
 * that source's rewards waiting (pending) in the inbox: what a source's menu shows.
 */
export function readWaiting<T>(store: Store, gameId: string, target: DocumentTarget<T>, source: string): { doc: T; waiting: string[] } {
  const [doc, inbox] = readDocuments<[T, InboxDocument]>(store, [target, inboxTarget(gameId, target.userId)]);
  const now = playerNow(store.nk, target.userId);
  return { doc: doc!, waiting: inbox!.rewards.filter((r) => r.source === source && statusAt(r, now) === 'PENDING').map((r) => r.source_id) };
}
