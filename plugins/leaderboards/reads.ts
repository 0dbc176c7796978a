import { runtimeError } from '../../core/errors';
import { aroundOf, pageOf, rowsOf, type Row } from '../../core/leaderboard-rows';
import { nakamaBoardId, nextReset, periodStart, RESET_CRON, type BoardDefinition } from './boards';

/** How leaderboard_get reads a board. */
export type View = 'top' | 'around_me' | 'friends';

/** Friends a friends view takes (Nakama's largest page of friends); more are not shown. */
export const MAX_FRIENDS = 1000;

/** A board as leaderboards_list and leaderboard_get describe it. */
export function describeBoard(b: BoardDefinition, now: number) {
  return {
    id: b.id,
    name: b.name,
    event: b.counter.event,
    score: b.score === 'count' ? 'count' : Object.keys(b.score)[0],
    period: b.period,
    reset_cron: RESET_CRON[b.period],
    period_started_at: b.period === 'all_time' ? null : periodStart(b.period, now),
    next_reset_at: nextReset(b.period, now),
  };
}

/** A view of the running period's records, with the caller's own (null: no record this period). */
export function readBoard(nk: nkruntime.Nakama, gameId: string, b: BoardDefinition, userId: string, view: View, limit: number, cursor: string) {
  const id = nakamaBoardId(gameId, b.id);
  if (view === 'around_me') {
    const around = aroundOf(nk.leaderboardRecordsHaystack(id, userId, limit, '', 0), userId);
    return { records: around.records, next_cursor: '', me: around.me };
  }
  const me = aroundOf(nk.leaderboardRecordsHaystack(id, userId, 1, '', 0), userId).me;
  if (view === 'friends') return { records: friendsRows(nk, id, userId).slice(0, limit), next_cursor: '', me };
  const page = pageOf(listPage(nk, id, limit, cursor));
  return { records: page.records, next_cursor: page.next, me };
}

/** A page of the board; a cursor Nakama cannot read (another board's, another period's, forged) is INVALID_FIELD. */
function listPage(nk: nkruntime.Nakama, id: string, limit: number, cursor: string): nkruntime.LeaderboardRecordList {
  try {
    return nk.leaderboardRecordsList(id, undefined, limit, cursor || undefined);
  } catch (error) {
    if (cursor && /cursor/i.test(String((error as { message?: string }).message || error))) throw runtimeError('INVALID_FIELD', 'cursor: not a cursor of this board and period (take next_cursor of the previous page)');
    throw error;
  }
}

/** The records of the caller and their Nakama friends (mutual, state 0), best first, with their ranks on the whole board. */
function friendsRows(nk: nkruntime.Nakama, id: string, userId: string): Row[] {
  const friends = (nk.friendsList(userId, MAX_FRIENDS, 0).friends || []).map((f) => (f.user ? f.user.userId : '')).filter(Boolean);
  const list = nk.leaderboardRecordsList(id, friends.concat(userId));
  return rowsOf(list.ownerRecords).sort((a, b) => b.score - a.score || a.rank - b.rank);
}
