import { aroundOf, pageOf } from '../../core/leaderboard-rows';
import type { TournamentDefinition } from './definitions';
import { DESCENDING, OPERATOR, OVERRIDE } from '../../core/nakama-enums';

/**
 * The Nakama tournament behind each tournament (docs/tournaments.md): `<game_id>:tournament:<id>`,
 * authoritative (only the server writes records), descending, ranks on, joinRequired: the module
 * joins a player when their entry (and fee) is stored, which gives them a record of score 0, so the
 * records list every entrant (refunds on a cancel page through them). Its window is the play window of a leaderboard
 * tournament (start, end, duration, reset cron) and the registration window of a bracket or Swiss
 * tournament, so Nakama's end callback fires when a leaderboard period ends or a bracket must start.
 */
export const boardId = (gameId: string, tournamentId: string) => `${gameId}:tournament:${tournamentId}`;

/** One period of a tournament, in ms: its edition id, window, and when its records expire (s, for tournamentRecordsList). */
export interface Period { editionId: string; startsAt: number; endsAt: number; expiry: number }

const sec = (ms: number) => Math.floor(ms / 1000);

/** Create the Nakama tournament (a repeated create of the same id changes nothing). */
export function ensureBoard(nk: nkruntime.Nakama, gameId: string, t: TournamentDefinition): string {
  const id = boardId(gameId, t.id);
  const leaderboard = t.format === 'leaderboard';
  const start = sec(leaderboard ? t.starts_at : t.registration_opens_at);
  const end = sec(t.ends_at);
  const duration = Math.max(1, end - start);
  // Nakama's first recurring period starts at the first reset strictly after startTime: one second before starts_at.
  const startTime = t.reset_cron ? start - 1 : start;
  nk.tournamentCreate(id, true, DESCENDING, OPERATOR.set, duration, t.reset_cron || null, { game_id: gameId, tournament_id: t.id, format: t.format },
    t.name, t.description, 0, startTime, t.reset_cron ? 0 : end, 0, 0, true, true);
  return id;
}

/** The period running now (or the next one); null when the tournament is over for good. Only recurring ones ask Nakama. */
export function currentPeriod(nk: nkruntime.Nakama, gameId: string, t: TournamentDefinition): Period | null {
  if (!t.reset_cron) return periodOf(t, 0, sec(t.ends_at));
  const [board] = nk.tournamentsGetId([ensureBoard(nk, gameId, t)]);
  if (!board || !board.endActive) return null;
  return periodOf(t, board.startActive, board.endActive);
}

/** The period of an edition id (`<id>@<end, seconds>`; the caller checks the id names this tournament). */
export function editionPeriod(t: TournamentDefinition, editionId: string): Period {
  const end = Number(editionId.slice(editionId.indexOf('@') + 1));
  return periodOf(t, end - sec(t.ends_at - t.starts_at), end);
}

/**
 * The period Nakama's end callback reports. Why not just `end`: when a recurring period lasts
 * until the next reset, Nakama computes the tournament at the reset itself and reports the next
 * period; the one that ended then is the one before its start.
 */
export function endedPeriod(t: TournamentDefinition, board: nkruntime.Tournament, end: number, nowMs: number): Period {
  if (end * 1000 <= nowMs + 1000) return periodOf(t, end - Math.max(1, board.duration), end);
  return periodOf(t, board.startActive - Math.max(1, board.duration), board.startActive);
}

/** A period from Nakama's active window (seconds); a non-recurring tournament has one, from starts_at. */
function periodOf(t: TournamentDefinition, startActive: number, endActive: number): Period {
  const recurring = !!t.reset_cron;
  return {
    editionId: `${t.id}@${endActive}`,
    startsAt: recurring ? startActive * 1000 : t.starts_at,
    endsAt: endActive * 1000,
    // Nakama: records of a recurring period expire at the next reset, which the period's end never passes.
    expiry: recurring ? endActive : sec(t.ends_at),
  };
}

/** A page of a period's records (best first), and the cursor of the next page ('' at the end). */
export function recordsPage(nk: nkruntime.Nakama, gameId: string, t: TournamentDefinition, p: Period, limit: number, cursor: string) {
  // Nakama's JS runtime takes a missing cursor as undefined, not null.
  return pageOf(nk.tournamentRecordsList(boardId(gameId, t.id), undefined, limit, cursor || undefined, p.expiry));
}

/** The records around a player's own (limit of them), with theirs (null: no record); see core/leaderboard-rows.ts aroundOf. */
export function recordsAround(nk: nkruntime.Nakama, gameId: string, t: TournamentDefinition, p: Period, userId: string, limit: number) {
  return aroundOf(nk.tournamentRecordsHaystack(boardId(gameId, t.id), userId, limit, undefined, p.expiry), userId);
}

/** Set a player's score for the running period (Nakama refuses outside its window). */
export function writeScore(nk: nkruntime.Nakama, gameId: string, t: TournamentDefinition, userId: string, username: string, score: number): void {
  nk.tournamentRecordWrite(boardId(gameId, t.id), userId, username, score, 0, undefined, OVERRIDE.set);
}
