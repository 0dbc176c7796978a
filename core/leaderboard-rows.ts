/**
 * Reading Nakama leaderboard and tournament records the way the module's RPCs show them. Shared by
 * the tournaments (plugins/tournaments/board.ts) and the per-game leaderboards
 * (plugins/leaderboards/): Nakama answers both with the same LeaderboardRecordList.
 */

/** One record as RPCs show it. */
export interface Row { rank: number; user_id: string; username: string | null; score: number }

/** Records as rows, in Nakama's order. */
export const rowsOf = (records: nkruntime.LeaderboardRecord[] | undefined): Row[] =>
  (records || []).map((r) => ({ rank: r.rank, user_id: r.ownerId, username: r.username, score: r.score }));

/** A listed page (best first) and the cursor of the next page ('' at the end). */
export const pageOf = (list: nkruntime.LeaderboardRecordList) => ({ records: rowsOf(list.records), next: list.nextCursor || '' });

/**
 * A haystack answer (the records around a player's own), with the player's own row (null: no
 * record). A haystack of limit 1 is also the way to read one player's record: the cost of the
 * records lists' owner filter grows with the board (33 reads/s at 100,000 records against 650/s for
 * the haystack, bench/tournaments.ts).
 */
export function aroundOf(list: nkruntime.LeaderboardRecordList, userId: string) {
  const records = rowsOf(list.records);
  return { records, me: (records.filter((r) => r.user_id === userId)[0] as Row | undefined) || null };
}
