import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { QUIZVERSE } from '../../matches/quiz/game-quizverse';
import { connectPlayer, rpc, rpcError, serverCall, serverRpc, walletLedger, type Player } from './support/nakama';

const QV = { game_id: QUIZVERSE.id };
const LTL = { game_id: LASTTOLIVE.id };
const DAY = 86400000;

interface Claim { claimed: { day: number; rewards: { currencies?: { [c: string]: number }; items?: { [i: string]: number } } }; status: { streak: number; claimed_today: boolean; today: { day: number } } }
const balances = async (p: Player, game: object) => (await rpc<{ balances: { [c: string]: number } }>(p, 'wallet_get', game)).balances;
/** Move the player's clock (the documented seam: an admin RPC the test server enables). */
const setClock = (p: Player, offsetMs: number) => serverRpc('test_clock_set', { user_id: p.userId, offset_ms: offsetMs });

describe('daily login rewards and the wallet (real server)', () => {
  let player: Player;
  let other: Player;
  beforeAll(async () => {
    player = await connectPlayer('daily');
    other = await connectPlayer('dailyother');
  });
  afterAll(() => {
    player.close();
    other.close();
  });

  test('100 parallel claims on one day pay once', async () => {
    const before = await rpc<{ claimed_today: boolean; today: { day: number; streak_after_claim: number } }>(other, 'daily_reward_status', QV);
    expect(before).toMatchObject({ claimed_today: false, streak: 0, today: { day: 1, streak_after_claim: 1 } });

    const results = await Promise.allSettled(Array.from({ length: 100 }, () => rpc<Claim>(other, 'daily_reward_claim', QV)));
    const won = results.filter((r) => r.status === 'fulfilled') as PromiseFulfilledResult<Claim>[];
    expect(won).toHaveLength(1);
    expect(won[0].value.claimed).toEqual({ day: 1, rewards: { currencies: { coins: 20 } } });
    const refusals = await Promise.all(results.filter((r) => r.status === 'rejected').map((r) => rpcError(Promise.reject((r as PromiseRejectedResult).reason))));
    for (const e of refusals) expect(e.message).toMatch(/^(FAILED_PRECONDITION: today's login reward is claimed already|RESOURCE_EXHAUSTED: rate limit)/);
    expect(refusals.some((e) => e.message.startsWith('FAILED_PRECONDITION'))).toBe(true);
    const ledger = (await walletLedger(other.userId)).filter((e) => String(e.metadata.reason).startsWith('daily_login'));
    expect(ledger).toHaveLength(1);
    expect(await balances(other, QV)).toEqual({ coins: 20, xp: 0 });
  });

  test('the next days continue the streak; one missed day is forgiven in QuizVerse', async () => {
    expect((await rpc<Claim>(player, 'daily_reward_claim', QV)).claimed.day).toBe(1);
    // The next day by the player's clock: day 2.
    await setClock(player, DAY);
    expect((await rpc<Claim>(player, 'daily_reward_claim', QV)).claimed).toEqual({ day: 2, rewards: { currencies: { coins: 30 } } });
    expect(await rpcError(rpc(player, 'daily_reward_claim', QV))).toMatchObject({ status: 400, message: expect.stringContaining('claimed already') });
    // Skip one day (grace_days 1): the streak goes on, day 3 pays a hint token.
    await setClock(player, 3 * DAY);
    const third = await rpc<Claim>(player, 'daily_reward_claim', QV);
    expect(third.claimed).toEqual({ day: 3, rewards: { currencies: { coins: 30 }, items: { hint_token: 1 } } });
    expect(third.status).toMatchObject({ streak: 3, claimed_today: true, today: { day: 3 } });
    // Back in time (the offset removed): that day is behind the last claim, so nothing is paid.
    await setClock(player, 0);
    expect(await rpcError(rpc(player, 'daily_reward_claim', QV))).toMatchObject({ status: 400 });
    expect(await balances(player, QV)).toEqual({ coins: 80, xp: 0 });
  });

  test('LastToLive has no grace: a missed day starts again at day 1', async () => {
    await setClock(player, 0);
    expect((await rpc<Claim>(player, 'daily_reward_claim', LTL)).claimed.day).toBe(1);
    await setClock(player, DAY);
    expect((await rpc<Claim>(player, 'daily_reward_claim', LTL)).claimed.day).toBe(2);
    await setClock(player, 3 * DAY);
    const status = await rpc<{ streak: number; today: { day: number; streak_after_claim: number } }>(player, 'daily_reward_status', LTL);
    expect(status).toMatchObject({ streak: 0, today: { day: 1, streak_after_claim: 1 } });
    expect((await rpc<Claim>(player, 'daily_reward_claim', LTL)).claimed.day).toBe(1);
    expect(await balances(player, LTL)).toEqual({ coins: 75, gems: 0, xp: 0 });
    await setClock(player, 0);
  });

  test('wallet_history: this game only, newest first, paged by cursor; players read only their own', async () => {
    interface Page { entries: { changes: { [c: string]: number }; reason: string; items?: object; at: number }[]; cursor: string | null }
    const all = await rpc<Page>(player, 'wallet_history', { ...QV, limit: 100 });
    expect(all.entries.map((e) => e.reason)).toEqual(['daily_login:day3', 'daily_login:day2', 'daily_login:day1']);
    expect(all.entries[0]).toMatchObject({ changes: { coins: 30 }, items: { hint_token: 1 } });
    expect(all.entries[0].at).toBeGreaterThan(Date.now() - 120000);
    const reasons: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await rpc<Page>(player, 'wallet_history', { ...QV, limit: 1, ...(cursor ? { cursor } : {}) });
      reasons.push(...page.entries.map((e) => e.reason));
      cursor = page.cursor;
    } while (cursor && reasons.length < 10);
    expect(reasons).toEqual(['daily_login:day3', 'daily_login:day2', 'daily_login:day1']);
    expect((await rpc<Page>(player, 'wallet_history', LTL)).entries).toHaveLength(3);
    expect(await rpcError(rpc(other, 'wallet_history', { ...QV, user_id: player.userId }))).toMatchObject({ status: 400, message: expect.stringContaining('players read their own') });
    expect((await serverRpc<Page>('wallet_history', { ...QV, user_id: player.userId })).entries).toHaveLength(3);
    expect(await rpcError(rpc(player, 'wallet_history', { ...QV, cursor: 'not-a-cursor' }))).toMatchObject({ status: 400, message: expect.stringContaining('cursor') });
  });

  test('the test clock is admin only', async () => {
    expect(await rpcError(rpc(player, 'test_clock_set', { user_id: player.userId, offset_ms: DAY }))).toMatchObject({ code: 7 });
    expect((await serverCall('test_clock_set', { user_id: player.userId, offset_ms: 0 })).status).toBe(200);
  });
});
