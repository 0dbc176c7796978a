import type { Harness } from '../../tools/harness';
import { answerUntilOver, gameRpc, loadHarness, startDuel } from '../support/harness-duel';
import { QUIZVERSE_ID } from '../support/quiz';

/**
 * Stored documents are untrusted (docs/security.md): what an operator's edit, an older version or a
 * bug left in storage is repaired or treated as missing, logged, and never breaks a menu or a match.
 * The real-server twin for player documents: test/integration/fuzz-documents.test.ts. Here: the
 * system-owned definition lists and counters, which no client can reach even through the console.
 */
const SYSTEM = '00000000-0000-0000-0000-000000000000';
const HOUR = 3600 * 1000;

function store(h: Harness, collection: string, key: string, value: object, userId = SYSTEM) {
  h.nk.storageWrite([{ collection: `${QUIZVERSE_ID}:${collection}`, key, userId, value, permissionRead: 0, permissionWrite: 0 }]);
}

const seasonFor = (now: number) => ({
  id: 'season_one', name: 'Season One', starts_at: now - 1000, ends_at: now + 30 * 24 * HOUR, tiers: 10,
  xp_curve: { base: 100, step: 0 }, premium_price: { currency: 'coins', amount: 100 }, rewards: { free: {}, premium: {} }, match_xp: { match_completed: 50, match_won: 100 },
});

const warnings = (h: Harness, text: string) => h.logs.filter((l) => l.level === 'warn' && l.message.indexOf(text) >= 0);

describe('untrusted stored documents in the harness', () => {
  let h: Harness;
  let call: ReturnType<typeof gameRpc>;
  beforeEach(async () => {
    h = await loadHarness();
    call = gameRpc(h);
  });
  afterEach(() => h.dispose());

  test('a season list with broken entries serves the valid season, and matches still grant its XP', () => {
    const valid = seasonFor(h.now());
    store(h, 'seasons', 'list', { list: [{ ...valid, id: 'broken', tiers: 'ten' }, 'a string', { id: '__proto__' }, valid, null] });
    expect(call('season_get_active', {}, h.createUser()).season).toMatchObject({ id: 'season_one' });
    expect(warnings(h, 'untrusted definition seasons[0] of game')[0].message).toMatch(/season\.tiers/);
    expect(warnings(h, 'untrusted definition seasons[').length).toBe(2); // 'broken' and '__proto__'
    // Entries that are no objects at all are dropped with the document's repair.
    expect(warnings(h, `untrusted document ${QUIZVERSE_ID}:seasons/list`)[0].message).toMatch(/repaired: value\.list\[1\]: an object; value\.list\[4\]: an object/);
    const { alice, bob, match } = startDuel(h);
    answerUntilOver(match, alice, bob);
    expect(call('season_get_player_progress', {}, alice)).toMatchObject({ season_id: 'season_one', xp: 200 });
  });

  test('a definition list that is not one reads as empty; the next admin change writes a valid one', () => {
    store(h, 'seasons', 'list', { list: 'everything' });
    expect(call('season_get_active', {}, h.createUser()).season).toBeNull();
    expect(warnings(h, `untrusted document ${QUIZVERSE_ID}:seasons/list of ${SYSTEM} repaired: value.list: a list`)).toHaveLength(1);
    call('season_create', { season: seasonFor(h.now()) });
    expect(h.storage(`${QUIZVERSE_ID}:seasons`, 'list')!.value).toEqual({ list: [seasonFor(h.now())] });
  });

  test('broken live events and achievement definitions are left out; the valid ones keep working', () => {
    const now = h.now();
    const event = {
      id: 'cup', name: 'Cup', description: '', starts_at: now - 1000, ends_at: now + HOUR, xp_multiplier: 2, created_at: now - 2000,
      missions: [{ id: 'win', name: 'Win', counter: { event: 'match_won' }, target: 1, points: 10, rewards: {} }],
    };
    store(h, 'live_events', 'definitions', { list: [{ ...event, id: 'bad', missions: 'all' }, { ...event, id: 'no_created', created_at: 'yesterday' }, event] });
    store(h, 'achievement_definitions', 'custom', { list: [{ id: 'ghost', name: 'Ghost', counter: { event: 'match_won' } }] });
    const active = call('event_get_active_events', {}, h.createUser());
    expect(active.events.map((e: { event_id: string }) => e.event_id)).toEqual(['cup']);
    expect(active.xp_multiplier).toBe(2);
    const player = h.createUser();
    const achievements = call('achievements_get_all', {}, player).achievements.map((a: { id: string }) => a.id);
    expect(achievements).not.toContain('ghost');
    expect(achievements).toContain('first_correct_answer');
    expect(warnings(h, 'untrusted definition live_event_definitions[')).toHaveLength(2);
    expect(warnings(h, 'untrusted definition achievement_definitions[0]')).toHaveLength(1);
  });

  test('community counter shards of the wrong shape count as nothing, and are overwritten by the next contribution', () => {
    const now = h.now();
    call('event_create', {
      event: {
        id: 'together', name: 'Together', starts_at: now, ends_at: now + HOUR,
        missions: [], community_goal: { counter: { event: 'answer_correct' }, target: 1000, rewards: { currencies: { coins: 5 } } },
      },
    });
    const viewer = h.createUser();
    const occurrence = call('event_get_active_events', {}, viewer).events[0].occurrence_id;
    for (let shard = 0; shard < 16; shard++) store(h, 'live_events', `${occurrence}/community/${shard}`, { count: 'a lot', processed: 7 });
    expect(call('event_get_active_events', {}, viewer).events[0].community_goal.total).toBe(0);
    const { alice, bob, match } = startDuel(h);
    answerUntilOver(match, alice, bob);
    expect(call('event_get_active_events', {}, viewer).events[0].community_goal.total).toBe(5);
  });
});
