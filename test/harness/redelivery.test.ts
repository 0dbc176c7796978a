import type { DomainEvent } from '../../core/events';
import { MODULE } from '../../main';
import type { Harness } from '../../tools/harness';
import { loadHarness, playDuel } from '../support/harness-duel';
import { mulberry32 } from '../support/prng';
import { QUIZVERSE_ID } from '../support/quiz';

/**
 * Duplicate and out-of-order deliveries of a match's events grant once (docs/faults.md). A duel is
 * played in the harness; its recorded events are then delivered again, through the same plugin host
 * the match uses (MODULE.plugins, over the harness's in-memory Nakama): twice over and shuffled, to
 * the players who already have them, and, in a second harness, for the first time in a shuffled
 * order with every event twice.
 */
const silent = { debug() {}, info() {}, warn() {}, error() {} } as unknown as nkruntime.Logger;

function shuffled<T>(list: T[], seed: number): T[] {
  const rng = mulberry32(seed);
  const out = list.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Deliver until nothing is pending (a failed delivery is retried as the match would retry it). */
function deliverAll(h: Harness, events: DomainEvent[]): void {
  let pending = MODULE.plugins.deliver(h.nk as unknown as nkruntime.Nakama, silent, events);
  for (let i = 0; pending.length > 0 && i < 20; i++) pending = MODULE.plugins.deliver(h.nk as unknown as nkruntime.Nakama, silent, [], pending.map((d) => ({ ...d, retryAt: 0 })));
  expect(pending).toEqual([]);
}

/** What a player holds: wallet, ledger sources, the player's documents as menus show them. */
function holdings(h: Harness, userId: string) {
  const view = JSON.parse(h.rpc('player_overview', { game_id: QUIZVERSE_ID }, { userId }));
  return {
    wallet: h.wallet(userId),
    sources: h.ledger(userId).map((l) => String(l.metadata.source_id)).sort(),
    ratings: view.ratings,
    achievements: view.achievements.map((a: { id: string; unlocked: boolean; progress: number }) => [a.id, a.unlocked, a.progress]),
    history: JSON.parse(h.rpc('matchmaking_get_match_history', { game_id: QUIZVERSE_ID }, { userId })).entries.length,
  };
}

describe('redelivered match events', () => {
  test('delivered again, twice and in any order, they change nothing', async () => {
    const h = await loadHarness('redelivery');
    const { alice, bob, matchId } = playDuel(h);
    const events: DomainEvent[] = JSON.parse(h.rpc('match_record_get', { match_id: matchId }, { httpKey: true })).events;
    expect(events.length).toBeGreaterThan(10);
    const before = { alice: holdings(h, alice), bob: holdings(h, bob) };
    deliverAll(h, events);
    deliverAll(h, shuffled(events, 1));
    deliverAll(h, shuffled(events.concat(events), 2));
    expect({ alice: holdings(h, alice), bob: holdings(h, bob) }).toEqual(before);
    h.dispose();
  });

  test('delivered for the first time out of order, each twice, every grant is made once and the result is the same', async () => {
    const played = await loadHarness('redelivery');
    const { alice, bob, matchId } = playDuel(played);
    const events: DomainEvent[] = JSON.parse(played.rpc('match_record_get', { match_id: matchId }, { httpKey: true })).events;
    const once = { alice: holdings(played, alice), bob: holdings(played, bob) };
    played.dispose();

    // The same players (seeded ids), who never played: the events reach them out of order, twice each.
    const h = await loadHarness('redelivery');
    h.createUser({ username: 'alice' });
    h.createUser({ username: 'bob' });
    expect([h.user(alice)?.username, h.user(bob)?.username]).toEqual(['alice', 'bob']);
    deliverAll(h, shuffled(events.concat(events), 3));
    const out = { alice: holdings(h, alice), bob: holdings(h, bob) };
    for (const who of ['alice', 'bob'] as const) {
      expect(new Set(out[who].sources).size).toBe(out[who].sources.length);
      // Grants, ratings and history do not depend on the order; which event unlocked an achievement may.
      expect(out[who].wallet).toEqual(once[who].wallet);
      expect(out[who].ratings).toEqual(once[who].ratings);
      expect(out[who].history).toBe(1);
      expect(out[who].sources.length).toBe(once[who].sources.length);
    }
    h.dispose();
  });
});
