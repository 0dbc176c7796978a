import { Harness } from '../../tools/harness';
import { failure, gameRpc, loadHarness } from '../support/harness-duel';

const DAY = 86400000;

describe('daily login rewards in the harness', () => {
  test('one claim per day by the clock the module reads; the harness clock moves the day', async () => {
    const h = await loadHarness();
    const rpc = gameRpc(h);
    const ann = h.createUser();
    expect(rpc('daily_reward_claim', {}, ann).claimed).toEqual({ day: 1, rewards: { currencies: { coins: 20 } } });
    expect(failure(() => rpc('daily_reward_claim', {}, ann))).toMatch(/^FAILED_PRECONDITION: today's login reward is claimed already; the next one is at \d{4}-\d\d-\d\dT/);
    h.advanceTime(DAY);
    expect(rpc('daily_reward_claim', {}, ann).status).toMatchObject({ streak: 2, claimed_today: true, today: { day: 2 } });
    expect(rpc('wallet_get', {}, ann).balances).toEqual({ coins: 50, xp: 0 });
    h.dispose();
  });

  test('the test clock is refused unless the runtime env enables it, and then moves one player only', async () => {
    const h = await loadHarness();
    const ann = h.createUser();
    expect(failure(() => h.rpc('test_clock_set', { user_id: ann, offset_ms: DAY }))).toBe('FAILED_PRECONDITION: test_clock_set: this server does not run with the runtime env LIVE_GAMES_TEST_CLOCK=enabled');
    h.dispose();

    const seam = await Harness.load('bundle/index.js', { seed: 'test', env: { LIVE_GAMES_TEST_CLOCK: 'enabled' } });
    const rpc = gameRpc(seam);
    const [bea, cal] = [seam.createUser(), seam.createUser()];
    rpc('daily_reward_claim', {}, bea);
    rpc('daily_reward_claim', {}, cal);
    seam.rpc('test_clock_set', { user_id: bea, offset_ms: DAY });
    expect(rpc('daily_reward_claim', {}, bea).claimed.day).toBe(2);
    expect(failure(() => rpc('daily_reward_claim', {}, cal))).toMatch(/claimed already/);
    seam.dispose();
  });
});
