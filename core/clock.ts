/**
 * The clock the daily systems read for one player (day boundaries, streaks, daily missions): the
 * server's, plus an offset for that player that only a test can set. The seam: `test_clock_set`
 * (admins) stores the offset in the node-local cache, and refuses unless the server runs with the
 * runtime env LIVE_GAMES_TEST_CLOCK=enabled (npm test's server does; `npm start` and production do
 * not). So a test lives through two days of one player in seconds, beside other tests on the same
 * server, and no client ever supplies a time.
 */

/** The runtime env value that enables the test seam. */
export const TEST_CLOCK_ENV = 'LIVE_GAMES_TEST_CLOCK';

/** An offset moves a player's clock at most this far (a year), either way. */
export const MAX_OFFSET_MS = 366 * 86400000;

const offsetKey = (userId: string) => `test_clock:${userId}`;

/** The time (ms) it is for this player: Date.now() plus the player's test offset (0 unless a test set one). */
export function playerNow(nk: nkruntime.Nakama, userId: string): number {
  const offset = nk.localcacheGet(offsetKey(userId));
  return Date.now() + (typeof offset === 'number' && Math.abs(offset) <= MAX_OFFSET_MS ? offset : 0);
}

/** Whether this server lets tests move clocks. */
export function testClockEnabled(ctx: nkruntime.Context): boolean {
  return !!ctx.env && ctx.env[TEST_CLOCK_ENV] === 'enabled';
}

/** Move a player's clock by `offsetMs` from the server's (0: back to the server's). */
export function setPlayerOffset(nk: nkruntime.Nakama, userId: string, offsetMs: number): void {
  if (offsetMs === 0) nk.localcacheDelete(offsetKey(userId));
  else nk.localcachePut(offsetKey(userId), offsetMs, 0);
}
