import { gameRpc, loadHarness, playDuel } from '../support/harness-duel';
import { seasonFor } from '../support/seasons';

/**
 * What each menu RPC costs in storage reads, for a player with state everywhere (a season, a live
 * event with a community goal, a played duel, an achievement waiting in the inbox): a menu reads its
 * documents in one storage read, and shared totals come from the node cache. The figures these
 * counts explain are bench/menus.ts's (docs/performance.md, Menus).
 */
const HOUR = 3600 * 1000;

test('menus read their documents in one storage read each, with shared totals from the cache', async () => {
  const h = await loadHarness('menu-costs');
  const rpc = gameRpc(h);
  rpc('season_create', { season: seasonFor(h.now()) });
  rpc('event_create', { event: { id: 'cup', name: 'Cup', starts_at: h.now(), ends_at: h.now() + HOUR,
    missions: [{ id: 'win', name: 'Win a duel', counter: { event: 'match_won' }, target: 1, points: 100 }],
    community_goal: { counter: { event: 'answer_correct' }, target: 100000, rewards: { currencies: { coins: 10 } } } } });
  const { alice } = playDuel(h);
  rpc('achievements_update_progress', { user_id: alice, achievement_id: 'round_winner', increment: 20 });
  expect(rpc('rewards_list_pending', {}, alice).pending.length).toBeGreaterThan(0);

  const costOf = (id: string) => {
    rpc(id, {}, alice); // warm: definitions and totals in the node cache
    h.takeNkCalls();
    rpc(id, {}, alice);
    const calls = h.takeNkCalls();
    return { storageRead: calls.storageRead || 0, accountGetId: calls.accountGetId || 0, storageWrite: (calls.storageWrite || 0) + (calls.multiUpdate || 0) };
  };
  expect(costOf('achievements_get_all')).toEqual({ storageRead: 1, accountGetId: 0, storageWrite: 0 }); // progress and inbox together
  expect(costOf('season_get_player_progress')).toEqual({ storageRead: 1, accountGetId: 1, storageWrite: 0 }); // XP is a wallet currency
  expect(costOf('player_overview')).toEqual({ storageRead: 1, accountGetId: 1, storageWrite: 0 }); // achievements, inbox and ratings read ahead together
  expect(costOf('event_get_active_events')).toEqual({ storageRead: 0, accountGetId: 0, storageWrite: 0 }); // definitions and community total cached
  expect(costOf('daily_missions_get')).toEqual({ storageRead: 1, accountGetId: 0, storageWrite: 0 });
  // The inbox with every source's documents (achievements, pass, the event's progress) in one read, and no write: nothing new is due.
  expect(costOf('rewards_list_pending')).toEqual({ storageRead: 1, accountGetId: 1, storageWrite: 0 });
  h.dispose();
});
