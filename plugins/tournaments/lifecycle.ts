import { applyOnce, applyOnceAll, type OnceUnit } from '../../core/apply-once';
import { readDocument, readStored, writeOf } from '../../core/documents';
import { isInsufficientFunds, type Grant, type Rewards } from '../../core/economy';
import { runtimeError } from '../../core/errors';
import type { Services } from '../../core/plugin';
import { updateDocument } from '../../core/storage';
import { encodeMatchParams } from '../../matches/shared/match-params';
import { boardId, ensureBoard, recordsPage, type Period } from './board';
import type { TournamentDefinition } from './definitions';
import { isEmpty, payouts, rankScores, type Placed } from './prizes';
import { progress, type Play, type PlayFormat } from './rounds';
import { editionTarget, emptyEdition, entriesTarget, matchLinkTarget, type EditionDocument, type EditionStatus, type EntriesDocument, type Entry } from './store';

/**
 * The lifecycle of an edition (docs/tournaments.md): entries and fees, the start of a bracket, its
 * matches and results, and the end: prizes paid or, cancelled, fees refunded. Every step is
 * idempotent, so the end callback, a match result and the lazy checks on reads may all run it, on
 * any node, as often as they happen to: money moves only inside applyOnce transactions guarded by
 * the entry's status.
 */

/** Notification codes (docs/tournaments.md); all persistent. */
export const NOTIFY = { registered: 300, roundReady: 301, eliminated: 302, prizePaid: 303, refunded: 304 } as const;

/** How long a reserved pairing may wait for its match before another caller creates it. */
const RESERVATION_MS = 60 * 1000;
/**
 * Joins and leaves of one edition all update its edition document (count, fees, entrants), so
 * simultaneous ones conflict on its version and retry: enough tries for 100 at once (each try is
 * one read and one write; bench/tournaments.ts measures it).
 */
const ENTRY_ATTEMPTS = 100;
/** Players paid or refunded per transaction. */
const CHUNK = 50;

type Ops = Pick<Services, 'nk' | 'logger' | 'game' | 'economy'>;

const feeOf = (t: TournamentDefinition) => (t.entry_fee ? t.entry_fee.amount : 0);
const notify = (ops: Ops, userId: string, subject: string, content: { [key: string]: unknown }, code: number) =>
  ops.nk.notificationSend(userId, subject, { game_id: ops.game.id, ...content }, code, null, true);

/** Join the period's edition: the entry, the fee and the edition's count in one transaction. */
export function join(ops: Ops, t: TournamentDefinition, p: Period, userId: string, username: string, rating: number, now: number): Entry {
  const { nk, game } = ops;
  const fee = feeOf(t);
  let entry = null as Entry | null; // "as": assigned in a closure, so not narrowed to null
  try {
    applyOnce<EntriesDocument | EditionDocument>(ops, [entriesTarget(game.id, userId), editionTarget(game.id, p.editionId)], `join:${nk.uuidv4()}`, (docs) => {
      const entries = docs[0] as EntriesDocument;
      const edition = docs[1] as EditionDocument;
      const current = entries.entries[p.editionId];
      if (current && (current.status === 'joined' || current.status === 'finished')) throw runtimeError('ALREADY_EXISTS', `you have joined ${t.id} already`);
      if (!edition.tournament_id) Object.assign(edition, emptyEdition(t.id, p.startsAt, p.endsAt));
      if (edition.status !== 'open') throw runtimeError('FAILED_PRECONDITION', `${t.id} is ${edition.status}: it takes no entries`);
      if (t.max_size > 0 && edition.count >= t.max_size) throw runtimeError('FAILED_PRECONDITION', `${t.id} is full (${t.max_size} entrants)`);
      edition.count += 1;
      edition.fees += fee;
      if (t.format !== 'leaderboard') edition.entrants.push({ user_id: userId, username, rating, joined_at: now });
      entry = { tournament_id: t.id, status: 'joined', joined_at: now, starts_at: p.startsAt, ends_at: p.endsAt, fee, fee_currency: t.entry_fee ? t.entry_fee.currency : '', points: [], score: 0, rank: 0, prize: null };
      entries.entries[p.editionId] = entry;
      prune(entries, now);
      const grants: Grant[] = fee > 0 ? [{ userId, gameId: game.id, rewards: { currencies: { [t.entry_fee!.currency]: -fee } }, reason: `tournament:${t.id}:entry_fee`, sourceId: `${p.editionId}/entry_fee/${userId}/${now}` }] : [];
      return { values: [entries, edition], grants };
    }, ENTRY_ATTEMPTS);
  } catch (error) {
    if (isInsufficientFunds(error)) throw runtimeError('FAILED_PRECONDITION', `not enough ${t.entry_fee!.currency}: the entry fee is ${fee}`);
    throw error;
  }
  if (t.format === 'leaderboard') nk.tournamentJoin(ensureBoard(nk, game.id, t), userId, username);
  notify(ops, userId, `Registered: ${t.name}`, { tournament_id: t.id, edition_id: p.editionId, starts_at: p.startsAt, fee }, NOTIFY.registered);
  return entry!;
}

/** Leave before the start: the entry is dropped from the edition and the fee refunded, in one transaction. */
export function leave(ops: Ops, t: TournamentDefinition, p: Period, userId: string): number {
  const { nk, game } = ops;
  let refunded = 0;
  applyOnce<EntriesDocument | EditionDocument>(ops, [entriesTarget(game.id, userId), editionTarget(game.id, p.editionId)], `leave:${nk.uuidv4()}`, (docs) => {
    const entries = docs[0] as EntriesDocument;
    const edition = docs[1] as EditionDocument;
    const entry = entries.entries[p.editionId];
    if (!entry || entry.status !== 'joined') throw runtimeError('NOT_FOUND', `you have not joined ${t.id}`);
    if (edition.status !== 'open') throw runtimeError('FAILED_PRECONDITION', `${t.id} has started: entries can no longer be withdrawn`);
    entry.status = 'left';
    refunded = entry.fee;
    edition.count = Math.max(0, edition.count - 1);
    edition.fees = Math.max(0, edition.fees - entry.fee);
    edition.entrants = edition.entrants.filter((e) => e.user_id !== userId);
    return { values: [entries, edition], grants: refunds(game.id, t, p, userId, entry, 'refund_on_leave') };
  }, ENTRY_ATTEMPTS);
  if (t.format === 'leaderboard') nk.tournamentRecordDelete(boardId(game.id, t.id), userId);
  return refunded;
}

function refunds(gameId: string, t: TournamentDefinition, p: Period, userId: string, entry: Entry, why: string): Grant[] {
  if (entry.fee <= 0 || !entry.fee_currency) return [];
  return [{ userId, gameId, rewards: { currencies: { [entry.fee_currency]: entry.fee } }, reason: `tournament:${t.id}:refund`, sourceId: `${p.editionId}/${why}/${userId}/${entry.joined_at}` }];
}

/** Keep the entries doc bounded: finished and withdrawn entries older than 90 days go. */
function prune(doc: EntriesDocument, now: number): void {
  for (const id of Object.keys(doc.entries)) {
    const e = doc.entries[id];
    if (e.status !== 'joined' && e.ends_at < now - 90 * 86400000) delete doc.entries[id];
  }
}

/** Everyone who joined the edition (brackets: its entrants; leaderboards: the period's records, which joining creates). */
function entrantsOf(ops: Ops, t: TournamentDefinition, p: Period, edition: EditionDocument): string[] {
  if (t.format !== 'leaderboard') return edition.entrants.map((e) => e.user_id);
  const ids: string[] = [];
  let cursor = '';
  do {
    const page = recordsPage(ops.nk, ops.game.id, t, p, 100, cursor);
    for (const r of page.records) ids.push(r.user_id);
    cursor = page.next;
  } while (cursor);
  return ids;
}

/** Cancel the edition and refund every entrant once. Returns how many were refunded now. */
export function cancelEdition(ops: Ops, t: TournamentDefinition, p: Period): number {
  const { game } = ops;
  const edition = updateDocument(ops, editionTarget(game.id, p.editionId), (e) => {
    if (e && (e.status === 'rewards_distributed' || e.status === 'cancelled')) return null;
    return withStatus(e || emptyEdition(t.id, p.startsAt, p.endsAt), 'cancelled');
  });
  if (!edition || edition.status !== 'cancelled') return 0;
  let refunded = 0;
  forChunks(entrantsOf(ops, t, p, edition), (userIds) => {
    const units: OnceUnit<EntriesDocument>[] = userIds.map((userId) => ({
      targets: [entriesTarget(game.id, userId)], eventId: `refund:${p.editionId}`,
      change: ([doc]) => {
        const entry = doc.entries[p.editionId];
        if (!entry || entry.status !== 'joined') return null;
        entry.status = 'refunded';
        return { values: [doc], grants: refunds(game.id, t, p, userId, entry, 'refund_on_cancel') };
      },
    }));
    applyOnceAll(ops, units).forEach((applied, i) => {
      if (!applied) return;
      refunded++;
      notify(ops, userIds[i], `Cancelled: ${t.name}`, { tournament_id: t.id, edition_id: p.editionId, refunded: applied.grants.length > 0 ? applied.grants[0].rewards : {} }, NOTIFY.refunded);
    });
  });
  return refunded;
}

/** Where a bracket or Swiss edition stands (plugins/tournaments/rounds.ts). */
export const progressOf = (t: TournamentDefinition, e: Pick<EditionDocument, 'seeds' | 'results'>) => progress(t.format as PlayFormat, e.seeds, e.results, t.rounds);

const withStatus = (e: EditionDocument, status: EditionStatus): EditionDocument => ({ ...e, status });

function forChunks<T>(items: T[], run: (chunk: T[]) => void): void {
  for (let i = 0; i < items.length; i += CHUNK) run(items.slice(i, i + CHUNK));
}

/** The highest rank a prize is paid for (0: no prizes). */
function lastPaidRank(t: TournamentDefinition): number {
  if (t.prize_pool) return t.prize_pool.split_percent.length;
  return t.prizes.reduce((max, tier) => Math.max(max, tier.to), 0);
}

/** Leaderboard ranks from the period's records: players with a score above 0, equal scores sharing a rank, as far as prizes go. */
function leaderboardPlacements(ops: Ops, t: TournamentDefinition, p: Period): Placed[] {
  const last = lastPaidRank(t);
  const records: { userId: string; score: number }[] = [];
  let cursor = '';
  while (last > 0) {
    const page = recordsPage(ops.nk, ops.game.id, t, p, 100, cursor);
    for (const r of page.records) if (r.score > 0) records.push({ userId: r.user_id, score: r.score });
    cursor = page.next;
    const tail = records[records.length - 1];
    // Past the last paid rank, and past everyone tied with the player at it.
    if (!cursor || (records.length > last && tail.score !== records[last - 1].score)) break;
  }
  return rankScores(records).filter((r) => r.rank <= Math.max(last, 0));
}

/**
 * The end of an edition: ranks fixed, each entrant's entry finished with their rank and prize, paid
 * once (the entry's status guards it), then the edition marked rewards_distributed. Leaderboard
 * editions settle once their period has ended; brackets once their final is decided. Returns the
 * payouts made by this call.
 */
export function settle(ops: Ops, t: TournamentDefinition, p: Period, now: number): { userId: string; rank: number; rewards: Rewards }[] {
  const { game } = ops;
  const target = editionTarget(game.id, p.editionId);
  const edition = readDocument(ops, target)!;
  if (edition.status === 'rewards_distributed' || edition.status === 'cancelled') return [];
  let placed: Placed[];
  if (t.format === 'leaderboard') {
    if (now < p.endsAt) return [];
    placed = leaderboardPlacements(ops, t, p);
  } else {
    if (edition.status !== 'ended') return [];
    placed = edition.ranks.map((r) => ({ userId: r.user_id, rank: r.rank }));
  }
  const paid: { userId: string; rank: number; rewards: Rewards }[] = [];
  forChunks(payouts(placed, t.prizes, t.prize_pool, edition.fees), (chunk) => {
    const units: OnceUnit<EntriesDocument>[] = chunk.map((payout) => ({
      targets: [entriesTarget(game.id, payout.userId)], eventId: `prize:${p.editionId}`,
      change: ([doc]) => {
        const entry = doc.entries[p.editionId];
        if (!entry || entry.status !== 'joined') return null;
        entry.status = 'finished';
        entry.rank = payout.rank;
        entry.prize = isEmpty(payout.rewards) ? null : payout.rewards;
        const grants: Grant[] = entry.prize ? [{ userId: payout.userId, gameId: game.id, rewards: payout.rewards, reason: `tournament:${t.id}:prize`, sourceId: `${p.editionId}/prize/${payout.userId}` }] : [];
        return { values: [doc], grants };
      },
    }));
    applyOnceAll(ops, units).forEach((applied, i) => {
      const payout = chunk[i];
      if (!applied || isEmpty(payout.rewards)) return;
      paid.push(payout);
      notify(ops, payout.userId, `Prize: ${t.name}`, { tournament_id: t.id, edition_id: p.editionId, rank: payout.rank, rewards: payout.rewards }, NOTIFY.prizePaid);
    });
  });
  updateDocument(ops, target, (e) => (!e ? withStatus(emptyEdition(t.id, p.startsAt, p.endsAt), 'rewards_distributed') : e.status === 'cancelled' ? null : withStatus(e, 'rewards_distributed')));
  return paid;
}

/** Seeds: rating, best first; then who joined first; then user id. */
const seedOrder = (edition: EditionDocument) => edition.entrants.slice()
  .sort((a, b) => b.rating - a.rating || a.joined_at - b.joined_at || (a.user_id < b.user_id ? -1 : 1)).map((e) => e.user_id);

/** Start a bracket or Swiss edition once registration has closed (fewer than two entrants: cancelled and refunded). */
export function startBracket(ops: Ops, t: TournamentDefinition, p: Period, now: number): void {
  if (t.format === 'leaderboard' || now < t.starts_at) return;
  const target = editionTarget(ops.game.id, p.editionId);
  const edition = readDocument(ops, target)!;
  if (edition.tournament_id && edition.status !== 'open') return advance(ops, t, p, now);
  if (edition.entrants.length < 2) {
    cancelEdition(ops, t, p);
    return;
  }
  updateDocument(ops, target, (e) => (e && e.status === 'open' ? { ...withStatus(e, 'active'), seeds: seedOrder(e) } : null));
  advance(ops, t, p, now);
}

/**
 * Create the matches of the pairings now open, each once: a pairing is reserved in the same
 * version-checked write that finds it open without a match, so one caller creates it; a
 * reservation left by a caller that died is taken over after RESERVATION_MS. Once the final is
 * decided the edition ends and is settled.
 */
export function advance(ops: Ops, t: TournamentDefinition, p: Period, now: number): void {
  const { nk, game } = ops;
  const target = editionTarget(game.id, p.editionId);
  let create: Play[] = [];
  let usernames: { [userId: string]: string } = {};
  const stored = updateDocument(ops, target, (e) => {
    create = [];
    if (!e || e.status !== 'active') return null;
    const state = progressOf(t, e);
    create = state.open.filter((x) => !e.matches[x.id] || (!e.matches[x.id].match_id && now - e.matches[x.id].created_at > RESERVATION_MS));
    for (const x of create) e.matches[x.id] = { match_id: '', created_at: now };
    if (state.done) e.ranks = state.ranks!.map((r) => ({ user_id: r.userId, rank: r.rank }));
    if (state.done) e.status = 'ended';
    usernames = {};
    for (const x of e.entrants) usernames[x.user_id] = x.username;
    return create.length > 0 || state.done ? e : null;
  });
  for (const x of create) {
    const players = [x.a, x.b].map((userId) => ({ userId, username: usernames[userId] || '' }));
    const matchId = nk.matchCreate(game.matchModule, encodeMatchParams(game.id, t.mode, players, `${p.editionId}/${x.id}`));
    nk.storageWrite([writeOf(matchLinkTarget(game.id, matchId), { edition_id: p.editionId, pairing_id: x.id })]);
    updateDocument(ops, target, (e) => (e ? { ...e, matches: { ...e.matches, [x.id]: { match_id: matchId, created_at: now } } } : null));
    for (const [me, opponent] of [[x.a, x.b], [x.b, x.a]]) {
      notify(ops, me, `Round ${x.round}: ${t.name}`, { tournament_id: t.id, edition_id: p.editionId, pairing_id: x.id, round: x.round, match_id: matchId, opponent: { user_id: opponent, username: usernames[opponent] || '' } }, NOTIFY.roundReady);
    }
  }
  if (stored && stored.status === 'ended') settle(ops, t, p, now);
}

/** A tournament match's result: the winner ('' when neither player came). Eliminated players are told. */
export function recordResult(ops: Ops, t: TournamentDefinition, p: Period, pairingId: string, winner: string, now: number): void {
  const target = editionTarget(ops.game.id, p.editionId);
  let before = null as string[] | null; // "as": assigned in a closure, so not narrowed to null
  const stored = updateDocument(ops, target, (e) => {
    before = null;
    if (!e || e.status !== 'active' || e.results[pairingId] !== undefined) return null;
    const state = progressOf(t, e);
    const play = state.open.filter((x) => x.id === pairingId)[0];
    if (!play || (winner !== '' && winner !== play.a && winner !== play.b)) return null;
    before = state.out;
    return { ...e, results: { ...e.results, [pairingId]: winner } };
  });
  const out = before as string[] | null;
  if (stored && out) {
    const after = progressOf(t, stored);
    for (const userId of after.out) {
      if (out.indexOf(userId) < 0) notify(ops, userId, `Eliminated: ${t.name}`, { tournament_id: t.id, edition_id: p.editionId, pairing_id: pairingId }, NOTIFY.eliminated);
    }
  }
  // Also after a redelivered result: a caller that died before creating the next matches left them reserved.
  advance(ops, t, p, now);
}

/** Which pairing a match plays, if it is a tournament match. */
export function matchLink(ops: Ops, matchId: string) {
  const [stored] = readStored(ops, [matchLinkTarget(ops.game.id, matchId)]);
  return stored.value;
}
