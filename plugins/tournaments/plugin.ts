import { applyOnce } from '../../core/apply-once';
import { definitionList } from '../../core/definition-list';
import { readDocument, type Store } from '../../core/documents';
import { runtimeError } from '../../core/errors';
import type { DomainEvent } from '../../core/events';
import type { GameDefinition, GameRegistry } from '../../core/game-registry';
import type { Plugin, RpcCall, Services } from '../../core/plugin';
import { currentPeriod, editionPeriod, endedPeriod, ensureBoard, recordsAround, recordsPage, writeScore, type Period } from './board';
import { normaliseTournament, storedTournamentProblems, validateTournament, type TournamentDefinition } from './definitions';
import { cancelEdition, join, leave, matchLink, progressOf, recordResult, settle, startBracket } from './lifecycle';
import { rankPrize } from './prizes';
import { countMatch, type ScoreRule } from './scoring';
import { editionTarget, EDITION_ID, entriesTarget, STORE_DOCUMENTS, type EditionDocument, type EntriesDocument, type Entry } from './store';

export interface TournamentsPlugin extends Plugin {
  /** Nakama's tournament end callback (main.ts registers it): a leaderboard period ended, or a bracket's registration closed. */
  tournamentEnd(services: Omit<Services, 'game'>, board: nkruntime.Tournament, end: number): void;
}

/** A game's score rule for leaderboard tournaments (plugins/tournaments/scoring.ts). */
export type ScoreRules = { [gameId: string]: ScoreRule };
export type RatingOf = (store: Store, game: GameDefinition, mode: string, userId: string) => number;

type Ops = Pick<Services, 'nk' | 'logger' | 'game' | 'economy'>;

const GAME_ID = { type: 'uuid', required: true } as const;
const TOURNAMENT_ID = { type: 'string', required: true, maxLength: 48, pattern: /^[a-z][a-z0-9_]*$/ } as const;
const EDITION = { type: 'string', maxLength: 64, pattern: EDITION_ID } as const;
const PAGE = 100;
/** Finished tournaments stay listed (past results, entries) this long, then leave the definitions when tournaments are created. */
const RETENTION_MS = 90 * 24 * 3600 * 1000;

/**
 * Tournaments (docs/tournaments.md): leaderboard tournaments scored from the matches the server
 * ran, single and double elimination and Swiss played as server-created matches; entry fees,
 * prizes, recurrence, and a lifecycle that advances on its own.
 */
export function createTournamentsPlugin(games: GameRegistry, rules: ScoreRules, ratingOf: RatingOf): TournamentsPlugin {
  const definitions = definitionList<TournamentDefinition>({ name: 'tournament_definitions', collection: 'tournaments', key: 'definitions', cache: 'tournament_definitions' }, games, storedTournamentProblems);

  function requireTournament(store: Store, game: GameDefinition, id: string): TournamentDefinition {
    const t = definitions.read(store, game.id).filter((x) => x.id === id)[0];
    if (!t) throw runtimeError('NOT_FOUND', `${game.name} has no tournament ${id}`);
    return t;
  }

  /** The period to show or act on: the one named by an edition id, or the current one. */
  function periodFor(ops: Ops, t: TournamentDefinition, editionId?: string): Period {
    if (editionId) {
      if (editionId.slice(0, editionId.indexOf('@')) !== t.id) throw runtimeError('INVALID_FIELD', `edition_id: not an edition of ${t.id}`);
      return editionPeriod(t, editionId);
    }
    const p = currentPeriod(ops.nk, ops.game.id, t);
    if (!p) throw runtimeError('FAILED_PRECONDITION', `${t.id} is over`);
    return p;
  }

  const editionOf = (store: Store, game: GameDefinition, p: Period) => readDocument(store, editionTarget(game.id, p.editionId))!;

  /** Lifecycle status of an edition (docs/tournaments.md). */
  function statusOf(t: TournamentDefinition, p: Period, e: EditionDocument, now: number): string {
    if (e.status === 'cancelled' || (t.cancelled_at && e.status !== 'rewards_distributed')) return 'cancelled';
    if (e.status === 'rewards_distributed') return 'rewards_distributed';
    if (t.format === 'leaderboard') {
      if (now >= p.endsAt) return 'ended';
      if (now >= p.startsAt) return 'active';
    } else if (e.status === 'active' || e.status === 'ended') return e.status;
    return now >= t.registration_opens_at ? 'registration' : 'upcoming';
  }

  /** The lazy check: whatever is due for this edition (a bracket to start, an edition to settle) happens now. */
  function catchUp(ops: Ops, t: TournamentDefinition, p: Period, now: number): void {
    if (t.cancelled_at) return;
    if (t.format === 'leaderboard') {
      if (now >= p.endsAt) settle(ops, t, p, now);
    } else if (now >= t.starts_at) startBracket(ops, t, p, now);
  }

  function view(t: TournamentDefinition, p: Period, e: EditionDocument, now: number, mine: Entry | null) {
    return {
      tournament_id: t.id, edition_id: p.editionId, name: t.name, description: t.description, format: t.format, mode: t.mode,
      status: statusOf(t, p, e, now), registration_opens_at: t.registration_opens_at, starts_at: p.startsAt, ends_at: p.endsAt,
      recurring: t.reset_cron !== '', reset_cron: t.reset_cron, max_size: t.max_size, entrants: e.count, max_matches: t.max_matches,
      aggregate: t.format === 'leaderboard' ? t.aggregate : null, best_n: t.best_n, rounds: t.rounds,
      entry_fee: t.entry_fee, prizes: t.prize_pool ? poolPrizes(t, e.fees) : t.prizes, prize_pool: t.prize_pool ? { ...t.prize_pool, fees: e.fees } : null,
      joined: !!mine && (mine.status === 'joined' || mine.status === 'finished'),
    };
  }

  /** A pool's current prizes, rank by rank, from the fees collected so far. */
  const poolPrizes = (t: TournamentDefinition, fees: number) =>
    t.prize_pool!.split_percent.map((_, i) => ({ from: i + 1, to: i + 1, rewards: rankPrize(i + 1, [], t.prize_pool, fees) }));

  const entriesOf = (store: Store, game: GameDefinition, userId: string) => readDocument(store, entriesTarget(game.id, userId))!;

  /** Points from a completed match for every leaderboard tournament the player entered and that counts this mode now. */
  function onMatchCompleted(event: DomainEvent, services: Services): void {
    const { nk, game } = services;
    const now = Date.now();
    const rule = rules[game.id];
    const running = definitions.read(services, game.id).filter((t) => t.format === 'leaderboard' && !t.cancelled_at && t.mode === event.data.mode && t.starts_at <= now);
    if (!rule || running.length === 0) return;
    const periods = running.map((t) => ({ t, p: currentPeriod(nk, game.id, t) })).filter((x) => x.p && x.p.startsAt <= now && now < x.p.endsAt) as { t: TournamentDefinition; p: Period }[];
    if (periods.length === 0) return;
    const points = rule(event);
    const scored: { t: TournamentDefinition; score: number }[] = [];
    applyOnce<EntriesDocument>(services, [entriesTarget(game.id, event.userId)], event.id, ([doc]) => {
      scored.length = 0;
      for (const { t, p } of periods) {
        const entry = doc.entries[p.editionId];
        if (entry && entry.status === 'joined' && countMatch(entry, t, points)) scored.push({ t, score: entry.score });
      }
      return scored.length > 0 ? { values: [doc], grants: [] } : null;
    });
    if (scored.length === 0) return;
    const { username } = nk.accountGetId(event.userId).user;
    for (const { t, score } of scored) writeScore(nk, game.id, t, event.userId, username, score);
  }

  /** A bracket or Swiss match ended: the pairing's winner is the match's placement 1; nobody came: ''. */
  function onMatchResult(event: DomainEvent, services: Services): void {
    const { game } = services;
    const brackets = definitions.read(services, game.id).filter((t) => t.format !== 'leaderboard' && !t.cancelled_at);
    if (brackets.length === 0) return;
    const link = matchLink(services, event.matchId);
    if (!link) return;
    const t = brackets.filter((x) => x.id === link.edition_id.slice(0, link.edition_id.indexOf('@')))[0];
    if (!t) return;
    const standings = Array.isArray(event.data.standings) ? (event.data.standings as { userId: string; placement: number }[]) : [];
    const first = standings.filter((s) => s && s.placement === 1)[0];
    const winner = event.type === 'match_abandoned' ? '' : first ? first.userId : null;
    if (winner === null) return;
    recordResult(services, t, periodFor(services, t, link.edition_id), link.pairing_id, winner, Date.now());
  }

  function create(call: RpcCall<any>) {
    const { nk, game, payload } = call;
    const now = Date.now();
    let created = null as TournamentDefinition | null; // "as": assigned in a closure, so not narrowed to null
    definitions.update(call, game.id, (current) => {
      const kept = current.filter((t) => t.reset_cron || t.ends_at > now - RETENTION_MS);
      const problems = validateTournament(payload.tournament, game, kept.map((t) => t.id), now);
      if (problems.length > 0) throw runtimeError('INVALID_FIELD', problems.slice(0, 5).join('; '));
      created = normaliseTournament(payload.tournament, now);
      return kept.concat(created);
    });
    const t = created as unknown as TournamentDefinition;
    ensureBoard(nk, game.id, t);
    const p = periodFor(call, t);
    return { tournament: t, edition: view(t, p, editionOf(call, game, p), now, null) };
  }

  function cancel(call: RpcCall<any>) {
    const { game, payload } = call;
    const now = Date.now();
    const t = requireTournament(call, game, payload.tournament_id);
    if (t.cancelled_at) throw runtimeError('FAILED_PRECONDITION', `${t.id} is cancelled already`);
    const p = periodFor(call, t);
    const e = editionOf(call, game, p);
    if (e.status === 'rewards_distributed' && !t.reset_cron) throw runtimeError('FAILED_PRECONDITION', `${t.id} has ended and paid its prizes`);
    definitions.update(call, game.id, (list) => list.map((x) => (x.id === t.id ? { ...x, cancelled_at: now } : x)));
    const refunded = e.status === 'rewards_distributed' ? 0 : cancelEdition(call, t, p);
    return { tournament_id: t.id, edition_id: p.editionId, cancelled_at: now, refunded };
  }

  function joinRpc(call: RpcCall<any>) {
    const { nk, game, userId, payload } = call;
    const now = Date.now();
    const t = requireTournament(call, game, payload.tournament_id);
    if (t.cancelled_at) throw runtimeError('FAILED_PRECONDITION', `${t.id} is cancelled`);
    if (now < t.registration_opens_at) throw runtimeError('FAILED_PRECONDITION', `registration for ${t.id} opens at ${new Date(t.registration_opens_at).toISOString()}`);
    const p = periodFor(call, t);
    if (t.format === 'leaderboard' ? now >= p.endsAt : now >= t.starts_at) throw runtimeError('FAILED_PRECONDITION', `registration for ${t.id} has closed`);
    const { username } = nk.accountGetId(userId).user;
    const entry = join(call, t, p, userId, username, Math.round(ratingOf(call, game, t.mode, userId)), now);
    return { tournament: view(t, p, editionOf(call, game, p), now, entry), entry: entryView(p.editionId, entry) };
  }

  function leaveRpc(call: RpcCall<any>) {
    const { game, userId, payload } = call;
    const now = Date.now();
    const t = requireTournament(call, game, payload.tournament_id);
    const p = periodFor(call, t);
    if (t.format === 'leaderboard' && now >= p.startsAt) throw runtimeError('FAILED_PRECONDITION', `${t.id} has started: entries can no longer be withdrawn`);
    const refunded = leave(call, t, p, userId);
    return { tournament_id: t.id, edition_id: p.editionId, refunded: refunded > 0 && t.entry_fee ? { [t.entry_fee.currency]: refunded } : {} };
  }

  function submitScore(call: RpcCall<any>) {
    const { nk, game, payload } = call;
    const now = Date.now();
    const t = requireTournament(call, game, payload.tournament_id);
    if (t.format !== 'leaderboard') throw runtimeError('FAILED_PRECONDITION', `${t.id} is a ${t.format} tournament: its matches decide it`);
    const p = periodFor(call, t);
    if (t.cancelled_at || now < p.startsAt || now >= p.endsAt) throw runtimeError('FAILED_PRECONDITION', `${t.id} is not running`);
    const userId = payload.user_id as string;
    const applied = applyOnce<EntriesDocument>(call, [entriesTarget(game.id, userId)], `submit:${payload.operation_id || nk.uuidv4()}`, ([doc]) => {
      const entry = doc.entries[p.editionId];
      return entry && entry.status === 'joined' && countMatch(entry, t, payload.points as number) ? { values: [doc], grants: [] } : null;
    }) !== null;
    const entry = entriesOf(call, game, userId).entries[p.editionId];
    if (!entry || entry.status !== 'joined') throw runtimeError('NOT_FOUND', `${userId} has not joined ${t.id}`);
    if (applied) writeScore(nk, game.id, t, userId, nk.accountGetId(userId).user.username, entry.score);
    return { applied, tournament_id: t.id, edition_id: p.editionId, score: entry.score, matches: entry.points.length };
  }

  function leaderboard(call: RpcCall<any>) {
    const { nk, game, userId, payload } = call;
    const now = Date.now();
    const t = requireTournament(call, game, payload.tournament_id);
    if (t.format !== 'leaderboard') throw runtimeError('FAILED_PRECONDITION', `${t.id} is a ${t.format} tournament: see tournament_get_bracket`);
    const p = periodFor(call, t, payload.edition_id);
    catchUp(call, t, p, now);
    const limit = (payload.limit as number) || 20;
    if (payload.around_me) return { tournament_id: t.id, edition_id: p.editionId, next_cursor: '', ...recordsAround(nk, game.id, t, p, userId, limit) };
    const page = recordsPage(nk, game.id, t, p, limit, payload.cursor || '');
    return { tournament_id: t.id, edition_id: p.editionId, records: page.records, next_cursor: page.next, me: recordsAround(nk, game.id, t, p, userId, 1).me };
  }

  function bracket(call: RpcCall<any>) {
    const { game, payload } = call;
    const now = Date.now();
    const t = requireTournament(call, game, payload.tournament_id);
    if (t.format === 'leaderboard') throw runtimeError('FAILED_PRECONDITION', `${t.id} is a leaderboard tournament: see tournament_get_leaderboard`);
    const p = periodFor(call, t, payload.edition_id);
    catchUp(call, t, p, now);
    const e = editionOf(call, game, p);
    const names: { [userId: string]: string } = {};
    for (const x of e.entrants) names[x.user_id] = x.username;
    const who = (userId: string | null) => (userId ? { user_id: userId, username: names[userId] || '' } : null);
    const state = e.seeds.length > 0 ? progressOf(t, e) : null;
    return {
      ...view(t, p, e, now, null),
      seeds: e.seeds.map(who),
      rounds: state ? state.view.rounds.map((r) => r.map((x) => ({
        ...x, a: who(x.a), b: who(x.b), match_id: e.matches[x.id] ? e.matches[x.id].match_id || null : null,
      }))) : [],
      champion: state ? who(state.view.champion) : null,
      ranks: e.ranks.map((r) => ({ ...who(r.user_id), rank: r.rank })),
    };
  }

  /** The caller's entries, after the lazy check of each edition due (start, settle) and a repair of their leaderboard record. */
  function myEntries(call: RpcCall<any>, only?: string) {
    const { nk, game, userId } = call;
    const now = Date.now();
    const list = definitions.read(call, game.id);
    let doc = entriesOf(call, game, userId);
    let changed = false;
    for (const editionId of Object.keys(doc.entries)) {
      const entry = doc.entries[editionId];
      const t = list.filter((x) => x.id === entry.tournament_id)[0];
      if (!t || (only && t.id !== only) || entry.status !== 'joined') continue;
      const p = periodFor(call, t, editionId);
      if (now >= p.endsAt) {
        catchUp(call, t, p, now);
        changed = true;
      } else if (t.format === 'leaderboard' && entry.score > 0 && now >= p.startsAt) {
        writeScore(nk, game.id, t, userId, nk.accountGetId(userId).user.username, entry.score);
      }
    }
    if (changed) doc = entriesOf(call, game, userId);
    return { doc, list };
  }

  function entryView(editionId: string, e: Entry) {
    return { edition_id: editionId, tournament_id: e.tournament_id, status: e.status, joined_at: e.joined_at, starts_at: e.starts_at, ends_at: e.ends_at, fee: e.fee, fee_currency: e.fee_currency || null, matches: e.points.length, score: e.score, rank: e.rank, prize: e.prize };
  }

  function tournamentEnd(services: Omit<Services, 'game'>, board: nkruntime.Tournament, end: number): void {
    const meta = board.metadata || {};
    const game = games.find(String(meta.game_id));
    if (!game) return;
    const ops = { ...services, game };
    const t = definitions.read(ops, game.id).filter((x) => x.id === meta.tournament_id)[0];
    if (!t || t.cancelled_at) return;
    const now = Date.now();
    const p = endedPeriod(t, board, end, now);
    services.logger.info('tournament %s: period %s ended', t.id, p.editionId);
    if (t.format === 'leaderboard') settle(ops, t, p, Math.max(now, p.endsAt));
    else startBracket(ops, t, p, Math.max(now, t.starts_at));
  }

  return {
    id: 'tournaments',
    games: games.games.map((g) => g.id),
    dependsOn: ['ratings'],
    events: { match_completed: onMatchCompleted, match_ended: onMatchResult, match_abandoned: onMatchResult },
    documents: [...STORE_DOCUMENTS, definitions.kind],
    tournamentEnd,
    rpcs: [
      {
        id: 'tournament_create', access: 'admin', effect: 'write', rateLimit: 'strict',
        description: 'Create a tournament for the game: leaderboard (scored from matches, optionally recurring), single or double elimination, or Swiss (docs/tournaments.md lists the fields; every problem names its field).',
        response: '{tournament: {...the stored definition}, edition: {...as tournament_list_active}}',
        payload: { game_id: GAME_ID, tournament: { type: 'object', required: true } },
        errors: { INVALID_FIELD: 'the tournament breaks a rule (each problem named)' },
        handle: create,
      },
      {
        id: 'tournament_cancel', access: 'admin', effect: 'write',
        description: 'Cancel a tournament: its current edition is cancelled and every entrant refunded their fee, once each.',
        response: '{tournament_id, edition_id, cancelled_at, refunded}',
        payload: { game_id: GAME_ID, tournament_id: TOURNAMENT_ID },
        errors: { NOT_FOUND: 'no such tournament', FAILED_PRECONDITION: 'cancelled already, or over with its prizes paid' },
        handle: cancel,
      },
      {
        id: 'tournament_join', access: 'player', effect: 'write',
        description: "Join the tournament's current edition; the entry fee (if any) is debited in the same transaction. Leaderboard tournaments take entries until their period ends, brackets and Swiss until they start.",
        response: '{tournament: {...as tournament_list_active}, entry: {...as tournament_get_my_tournaments}}',
        payload: { game_id: GAME_ID, tournament_id: TOURNAMENT_ID },
        errors: { NOT_FOUND: 'no such tournament', ALREADY_EXISTS: 'joined already', FAILED_PRECONDITION: 'registration not open, full, cancelled, or not enough currency for the fee' },
        handle: joinRpc,
      },
      {
        id: 'tournament_leave', access: 'player', effect: 'write',
        description: 'Withdraw from the current edition before it starts; the entry fee is refunded.',
        response: '{tournament_id, edition_id, refunded: {currency: amount}}',
        payload: { game_id: GAME_ID, tournament_id: TOURNAMENT_ID },
        errors: { NOT_FOUND: 'no such tournament, or not joined', FAILED_PRECONDITION: 'it has started' },
        handle: leaveRpc,
      },
      {
        id: 'tournament_list_active', access: 'player', effect: 'read',
        description: "The game's tournaments not yet over (upcoming, in registration, active, or ended and being paid), with their current edition, prizes and whether the caller has joined.",
        response: '{tournaments: [{tournament_id, edition_id, name, description, format, mode, status, registration_opens_at, starts_at, ends_at, recurring, reset_cron, max_size, entrants, entry_fee, prizes, prize_pool, joined, ...}]}',
        payload: { game_id: GAME_ID },
        handle(call) {
          const { game, userId } = call;
          const now = Date.now();
          const mine = entriesOf(call, game, userId).entries;
          const listed = definitions.read(call, game.id).filter((t) => !t.cancelled_at).map((t) => ({ t, p: currentPeriod(call.nk, game.id, t) })).filter((x) => x.p) as { t: TournamentDefinition; p: Period }[];
          const tournaments = listed.map(({ t, p }) => {
            catchUp(call, t, p, now);
            return view(t, p, editionOf(call, game, p), now, mine[p.editionId] || null);
          }).filter((v) => v.status !== 'rewards_distributed' && v.status !== 'cancelled');
          return { tournaments };
        },
      },
      {
        id: 'tournament_get_leaderboard', access: 'player', effect: 'read',
        description: "A leaderboard tournament's records for its current edition (or edition_id): a page from the top (limit, cursor) or, with around_me, the records around the caller's; plus the caller's own record.",
        response: '{tournament_id, edition_id, records: [{rank, user_id, username, score}], next_cursor, me: {rank, user_id, username, score} | null}',
        payload: { game_id: GAME_ID, tournament_id: TOURNAMENT_ID, edition_id: EDITION, limit: { type: 'integer', min: 1, max: PAGE }, cursor: { type: 'string', maxLength: 512 }, around_me: { type: 'boolean' } },
        errors: { NOT_FOUND: 'no such tournament', FAILED_PRECONDITION: 'not a leaderboard tournament' },
        handle: leaderboard,
      },
      {
        id: 'tournament_get_bracket', access: 'player', effect: 'read',
        description: "A bracket or Swiss tournament's whole tree for a menu to draw: seeds, every round's pairings with players, winners and match ids, the champion and the final ranks.",
        response: '{...as tournament_list_active, seeds: [{user_id, username}], rounds: [[{id, round, bracket, a, b, winner, bye, match_id}]], champion, ranks: [{user_id, username, rank}]}',
        payload: { game_id: GAME_ID, tournament_id: TOURNAMENT_ID, edition_id: EDITION },
        errors: { NOT_FOUND: 'no such tournament', FAILED_PRECONDITION: 'a leaderboard tournament' },
        handle: bracket,
      },
      {
        id: 'tournament_get_my_tournaments', access: 'player', effect: 'read',
        description: "The caller's tournament entries, newest first: status (joined, left, refunded, finished), matches counted, score, final rank and prize.",
        response: '{entries: [{edition_id, tournament_id, name, format, status, joined_at, starts_at, ends_at, fee, fee_currency, matches, score, rank, prize}]}',
        payload: { game_id: GAME_ID },
        handle(call) {
          const { doc, list } = myEntries(call);
          const entries = Object.keys(doc.entries).map((id) => {
            const t = list.filter((x) => x.id === doc.entries[id].tournament_id)[0];
            return { ...entryView(id, doc.entries[id]), name: t ? t.name : null, format: t ? t.format : null };
          });
          return { entries: entries.sort((a, b) => b.starts_at - a.starts_at || b.joined_at - a.joined_at) };
        },
      },
      {
        id: 'tournament_get_past_results', access: 'player', effect: 'read',
        description: "A tournament's ended editions the caller entered, newest first: their rank, score and prize, and the edition's top records (leaderboards) or final ranks (brackets).",
        response: '{tournament_id, results: [{edition_id, starts_at, ends_at, status, rank, score, prize, top: [{rank, user_id, username, score?}]}]}',
        payload: { game_id: GAME_ID, tournament_id: TOURNAMENT_ID, limit: { type: 'integer', min: 1, max: 20 } },
        errors: { NOT_FOUND: 'no such tournament' },
        handle(call) {
          const { nk, game, payload } = call;
          const now = Date.now();
          const t = requireTournament(call, game, payload.tournament_id);
          const { doc } = myEntries(call, t.id);
          const ended = Object.keys(doc.entries).filter((id) => doc.entries[id].tournament_id === t.id && doc.entries[id].ends_at <= now && doc.entries[id].status !== 'left')
            .sort((a, b) => doc.entries[b].ends_at - doc.entries[a].ends_at).slice(0, (payload.limit as number) || 5);
          const results = ended.map((id) => {
            const e = doc.entries[id];
            const p = periodFor(call, t, id);
            const edition = editionOf(call, game, p);
            const top = t.format === 'leaderboard' ? recordsPage(nk, game.id, t, p, 10, '').records
              : edition.ranks.slice(0, 10).map((r) => ({ rank: r.rank, user_id: r.user_id, username: (edition.entrants.filter((x) => x.user_id === r.user_id)[0] || { username: '' }).username }));
            return { edition_id: id, starts_at: e.starts_at, ends_at: e.ends_at, status: statusOf(t, p, edition, now), rank: e.rank, score: e.score, prize: e.prize, top };
          });
          return { tournament_id: t.id, results };
        },
      },
      {
        id: 'tournament_claim_rewards', access: 'player', effect: 'write',
        description: "Prizes are paid automatically when an edition ends; this settles any of the caller's editions that are due now and reports every prize paid to the caller (optionally for one tournament).",
        response: '{paid: [{edition_id, tournament_id, rank, prize}]}',
        payload: { game_id: GAME_ID, tournament_id: { ...TOURNAMENT_ID, required: false } },
        handle(call) {
          const { doc } = myEntries(call, call.payload.tournament_id);
          const paid = Object.keys(doc.entries).filter((id) => doc.entries[id].prize && (!call.payload.tournament_id || doc.entries[id].tournament_id === call.payload.tournament_id))
            .map((id) => ({ edition_id: id, tournament_id: doc.entries[id].tournament_id, rank: doc.entries[id].rank, prize: doc.entries[id].prize }));
          return { paid };
        },
      },
      {
        id: 'tournament_submit_score', access: 'admin', effect: 'write',
        description: "Count a match result for a player in a running leaderboard tournament (trusted servers and support only; clients never assert scores): `points` is added as one match and the score re-aggregated. operation_id makes retries safe.",
        response: '{applied, tournament_id, edition_id, score, matches}',
        payload: { game_id: GAME_ID, tournament_id: TOURNAMENT_ID, user_id: { type: 'user', required: true }, points: { type: 'integer', required: true, min: 0, max: 1000000000 }, operation_id: { type: 'string', maxLength: 64 } },
        errors: { NOT_FOUND: 'no such tournament, or the player has not joined', FAILED_PRECONDITION: 'not running, or not a leaderboard tournament' },
        handle: submitScore,
      },
    ],
  };
}
