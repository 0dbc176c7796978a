import type { Harness } from '../../tools/harness';
import { failure, gameRpc, loadHarness, playDuel } from '../support/harness-duel';
import { QUIZVERSE_ID } from '../support/quiz';
import { seasonFor } from '../support/seasons';

/** The season pass on the built bundle (the real-server twin: test/integration/season-pass.test.ts). */
const DAY = 24 * 3600 * 1000;

function api(h: Harness) {
  const call = gameRpc(h);
  return { call, failure };
}

describe('season pass in the harness', () => {
  test('match events and achievement XP move the season tier; free rewards are claimed once; premium is bought and retroactive', async () => {
    const h = await loadHarness();
    const { call, failure } = api(h);
    const viewer = h.createUser();
    expect(call('season_get_active', {}, viewer).season).toBeNull();
    expect(call('season_create', { season: seasonFor(h.now()) })).toEqual({ created: 'season_one' });
    expect(call('season_get_active', {}, viewer).season).toMatchObject({ id: 'season_one', tiers: 10, premium_price: { currency: 'coins', amount: 100 } });

    // Alice's duel: match_completed 50 + match_won 100 + Champion bronze's 50 xp = 200 season XP: tier 3.
    const { alice, bob } = playDuel(h);
    const progress = call('season_get_player_progress', {}, alice);
    expect(progress).toMatchObject({ season_id: 'season_one', xp: 200, tier: 3, xp_for_next_tier: 100, premium: false, claimable: { free: [1, 2, 3], premium: [] } });
    expect(call('season_get_player_progress', {}, bob)).toMatchObject({ xp: 50, tier: 1, claimable: { free: [1] } });
    expect(h.wallet(alice)![`${QUIZVERSE_ID}:season_xp:season_one`]).toBe(200);
    expect(h.wallet(alice)![`${QUIZVERSE_ID}:xp`]).toBe(200);
    const tierUps = h.notifications.filter((n) => n.userId === alice && n.code === 300).map((n) => (n.content as { tier: number }).tier);
    expect(tierUps[tierUps.length - 1]).toBe(3);

    const claimed = call('season_claim_tier_rewards', {}, alice);
    expect(claimed.claimed.map((c: { track: string; tier: number }) => `${c.track}:${c.tier}`)).toEqual(['free:1', 'free:2', 'free:3']);
    expect(failure(() => call('season_claim_tier_rewards', {}, alice))).toBe('FAILED_PRECONDITION: nothing to claim');
    expect(h.ledger(alice).filter((i) => String(i.metadata.reason).startsWith('season:season_one:free'))).toHaveLength(3);

    // Premium: bob cannot pay; alice can (75 coins from achievements + 30 claimed), and then claims premium tiers 1 and 3 retroactively.
    expect(failure(() => call('season_purchase_premium', {}, bob))).toBe('FAILED_PRECONDITION: not enough coins: premium costs 100');
    expect(call('season_purchase_premium', {}, alice)).toMatchObject({ premium: true, charged: { coins: 100 }, progress: { claimable: { premium: [1, 3] } } });
    expect(failure(() => call('season_purchase_premium', {}, alice))).toBe('ALREADY_EXISTS: you own the Season One premium pass already');
    expect(call('season_claim_tier_rewards', { tier: 3 }, alice).claimed).toEqual([{ track: 'premium', tier: 3, rewards: { currencies: { coins: 300 } } }]);
    expect(call('season_claim_tier_rewards', {}, alice).claimed).toEqual([{ track: 'premium', tier: 1, rewards: { currencies: { coins: 100 } } }]);
    expect(h.wallet(alice)![`${QUIZVERSE_ID}:coins`]).toBe(75 + 30 - 100 + 300 + 100);
    expect(call('season_get_all_rewards', {}, viewer).tiers[2]).toEqual({ tier: 3, xp_required: 200, free: { items: { hint_token: 1 } }, premium: { currencies: { coins: 300 } } });
    h.dispose();
  });

  test('admins schedule seasons and grant XP; players cannot; seasons may not overlap; bad fields are named', async () => {
    const h = await loadHarness();
    const { call, failure } = api(h);
    const ann = h.createUser();
    expect(failure(() => call('season_create', { season: seasonFor(h.now()) }, ann))).toBe('PERMISSION_DENIED: this call is for admins');
    call('season_create', { season: seasonFor(h.now()) });
    expect(failure(() => call('season_create', { season: { ...seasonFor(h.now(), 'season_two'), premium_price: { currency: 'xp', amount: 1 } } }))).toBe(
      'INVALID_FIELD: season: overlaps season_one; season.premium_price: {currency: one of coins, amount: integer > 0}',
    );
    expect(failure(() => call('season_grant_xp', { user_id: ann, amount: 50 }, ann))).toBe('PERMISSION_DENIED: this call is for admins');
    expect(call('season_grant_xp', { user_id: ann, amount: 250, operation_id: 'support-1' }).progress).toMatchObject({ xp: 250, tier: 3 });
    expect(call('season_grant_xp', { user_id: ann, amount: 250, operation_id: 'support-1' }).progress).toMatchObject({ xp: 250 }); // a retry
    h.dispose();
  });

  test('a season ends: the next starts clean; unclaimed rewards stay claimable for 14 days, then lapse', async () => {
    const h = await loadHarness();
    const { call, failure } = api(h);
    const ann = h.createUser();
    const first = seasonFor(h.now());
    call('season_create', { season: first });
    call('season_create', { season: { ...seasonFor(first.ends_at + 1000, 'season_two'), name: 'Season Two' } });
    call('season_grant_xp', { user_id: ann, amount: 150 });
    h.advanceTime(31 * DAY);
    expect(call('season_get_active', {}, ann).season).toMatchObject({ id: 'season_two' });
    expect(call('season_get_player_progress', {}, ann)).toMatchObject({ season_id: 'season_two', xp: 0, tier: 1 });
    expect(call('season_get_player_progress', { season_id: 'season_one' }, ann)).toMatchObject({ xp: 150, tier: 2, claimable: { free: [1, 2] } });
    expect(call('season_claim_tier_rewards', { season_id: 'season_one', tier: 1 }, ann).claimed).toHaveLength(1);
    h.advanceTime(14 * DAY);
    expect(failure(() => call('season_claim_tier_rewards', { season_id: 'season_one' }, ann))).toBe('FAILED_PRECONDITION: season season_one rewards lapsed 14 days after it ended');
    expect(failure(() => call('season_get_player_progress', { season_id: 'nope' }, ann))).toBe('NOT_FOUND: QuizVerse has no season nope');
    h.dispose();
  });
});
