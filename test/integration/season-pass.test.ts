import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { connectPlayer, rpc, rpcError, serverRpc, walletLedger, type Player } from './support/nakama';

/**
 * The season pass on the real server: a LastToLive season scheduled by an admin, XP from another
 * plugin's reward (an achievement's xp) counting for the season, claims exactly once, premium bought
 * with gems. The season rewards no match events, so other test files' matches are unaffected.
 */
describe('season pass on a real Nakama', () => {
  let player: Player;
  beforeAll(async () => { player = await connectPlayer('season'); });
  afterAll(() => player?.close());
  const game = { game_id: LASTTOLIVE.id };

  test('XP from achievements moves the tier; rewards are claimed once; premium needs the gems and is retroactive', async () => {
    const now = Date.now();
    const season = {
      id: `it_${now}`, name: 'Integration Season', starts_at: now - 1000, ends_at: now + 120000, tiers: 5,
      xp_curve: { base: 40, step: 0 }, premium_price: { currency: 'gems', amount: 20 }, match_xp: {},
      rewards: { free: { 1: { currencies: { coins: 5 } }, 2: { currencies: { coins: 10 } } }, premium: { 2: { items: { crate_common: 1 } } } },
    };
    expect(await rpcError(rpc(player, 'season_create', { ...game, season }))).toMatchObject({ status: 403, code: 7 });
    expect(await serverRpc('season_create', { ...game, season })).toEqual({ created: season.id });
    expect(await rpc<any>(player, 'season_get_active', game)).toMatchObject({ season: { id: season.id, tiers: 5 } });

    // First Blood grants 50 xp (and 50 coins): 50 season XP is tier 2 on this curve.
    await serverRpc('achievements_update_progress', { ...game, user_id: player.userId, achievement_id: 'first_kill', increment: 1 });
    expect(await rpc<any>(player, 'season_get_player_progress', game)).toMatchObject({ season_id: season.id, xp: 50, tier: 2, claimable: { free: [1, 2], premium: [] } });
    const tierUp = await player.until(() => player.notifications.filter((n) => n.code === 300)[0], 'the tier-up notification');
    expect(tierUp.content).toMatchObject({ game_id: LASTTOLIVE.id, season_id: season.id, tier: 2 });

    const inbox = await rpc<any>(player, 'rewards_list_pending', game);
    expect(inbox.pending.filter((d: any) => d.source === 'season').map((d: any) => d.id)).toEqual([`season:${season.id}:free:1`, `season:${season.id}:free:2`]);
    const claims = await Promise.all([1, 2].map(() => rpc<any>(player, 'season_claim_tier_rewards', game).catch(() => null)));
    expect(claims.filter((c) => c).flatMap((c) => c.claimed.map((x: any) => `${x.track}:${x.tier}`)).sort()).toEqual(['free:1', 'free:2']);
    expect((await walletLedger(player.userId)).filter((l) => String(l.metadata.reason).startsWith(`season:${season.id}:free`))).toHaveLength(2);

    expect(await rpcError(rpc(player, 'season_purchase_premium', game))).toMatchObject({ status: 400, message: 'FAILED_PRECONDITION: not enough gems: premium costs 20' });
    await serverRpc('achievements_update_progress', { ...game, user_id: player.userId, achievement_id: 'sharpshooter', increment: 10 }); // 20 gems, 200 xp
    const bought = await rpc<any>(player, 'season_purchase_premium', game);
    expect(bought).toMatchObject({ premium: true, charged: { gems: 20 }, progress: { tier: 5, claimable: { premium: [2] } } });
    expect((await rpc<any>(player, 'season_claim_tier_rewards', game)).claimed).toEqual([{ track: 'premium', tier: 2, rewards: { items: { crate_common: 1 } } }]);
    expect(await rpc<any>(player, 'player_overview', game)).toMatchObject({ wallet: { coins: 65, gems: 0, xp: 250 } });
  });
});
