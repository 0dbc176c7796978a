import type { AchievementDefinition } from '../../plugins/achievements/definitions';
import { ACHIEVEMENTS, addProgress, incrementsFor, takeReached, stateOf, type AchievementsDocument } from '../../plugins/achievements/engine';

const base = { description: '', category: 'c', rarity: 'common' as const, points: 1 };
const DEFS: AchievementDefinition[] = [
  { ...base, id: 'first', name: 'First', counter: { event: 'hit' }, target: 1, rewards: { currencies: { coins: 5 } } },
  { ...base, id: 'ten', name: 'Ten', counter: { event: 'hit' }, target: 10, rewards: { currencies: { coins: 50 } } },
  { ...base, id: 'streak', name: 'Streak', counter: { event: 'hit', resetOn: 'miss' }, target: 3 },
  { ...base, id: 'far', name: 'Far', counter: { event: 'hit', atLeast: { distance: 100 }, equals: { weapon: 'rifle' } }, target: 1 },
  {
    ...base, id: 'wins', name: 'Wins', counter: { event: 'win' },
    tiers: [{ tier: 'bronze', target: 1, rewards: { currencies: { coins: 1 } } }, { tier: 'silver', target: 3, rewards: { currencies: { coins: 3 } } }],
  },
  { ...base, id: 'manual', name: 'Manual', counter: { event: 'win' }, target: 2, claim: 'manual', requires: ['first'], rewards: { items: { badge: 1 } } },
  { ...base, id: 'both', name: 'Both', children: ['first', 'manual'], rewards: { currencies: { coins: 100 } } },
  { ...base, id: 'all', name: 'All', children: ['both', 'ten'] },
];
const fresh = (): AchievementsDocument => ({ achievements: {}, processed: [] });
const event = (doc: AchievementsDocument, type: string, data: { [k: string]: unknown } = {}) => addProgress(doc, DEFS, incrementsFor(DEFS, type, data), 1000);
const ids = (r: ReturnType<typeof event>) => r.notices.map((n) => `${n.definition.id}${n.tier ? `/${n.tier}` : ''}:${n.kind}${n.claimed ? '' : ':claimable'}`);

describe('achievement rules', () => {
  test('simple and incremental achievements unlock at their target and grant once, on the unlocking event only', () => {
    const doc = fresh();
    expect(ids(event(doc, 'hit'))).toEqual(['first:unlocked']);
    for (let i = 0; i < 8; i++) expect(event(doc, 'hit').grants.map((g) => g.stepId)).not.toContain('ten');
    const tenth = event(doc, 'hit');
    expect(tenth.grants.map((g) => [g.stepId, g.rewards])).toEqual([['ten', { currencies: { coins: 50 } }]]);
    expect(stateOf(doc, 'ten')).toEqual({ progress: 10, reached: 1, claimed: 1, unlocked_at: 1000 });
    expect(event(doc, 'hit').changed).toBe(false); // every 'hit' achievement is finished: nothing to write
    expect(stateOf(doc, 'ten').progress).toBe(10);
  });

  test('conditions filter events; a reset event starts a streak again', () => {
    const doc = fresh();
    expect(incrementsFor(DEFS, 'hit', { distance: 150, weapon: 'pistol' }).far).toBeUndefined();
    expect(ids(event(doc, 'hit', { distance: 150, weapon: 'rifle' }))).toEqual(['first:unlocked', 'far:unlocked']);
    event(doc, 'hit');
    expect(stateOf(doc, 'streak').progress).toBe(2);
    event(doc, 'miss');
    expect(stateOf(doc, 'streak').progress).toBe(0);
    event(doc, 'hit');
    event(doc, 'hit');
    expect(ids(event(doc, 'hit'))).toContain('streak:unlocked');
  });

  test('tiers unlock in order with their own rewards; requirements gate progress; manual rewards wait for a claim', () => {
    const doc = fresh();
    // 'manual' requires 'first': wins before it count for the tiers only.
    expect(ids(event(doc, 'win'))).toEqual(['wins/bronze:unlocked']);
    expect(stateOf(doc, 'manual').progress).toBe(0);
    event(doc, 'hit');
    event(doc, 'win');
    const third = event(doc, 'win');
    expect(ids(third)).toEqual(['wins/silver:tier_up', 'manual:unlocked:claimable', 'both:unlocked']);
    expect(third.grants.map((g) => g.stepId)).toEqual(['wins/silver', 'both']);
    const manual = DEFS.filter((d) => d.id === 'manual')[0];
    expect(takeReached(doc, manual)).toEqual([{ stepId: 'manual', rewards: { items: { badge: 1 } } }]);
    expect(takeReached(doc, manual)).toEqual([]); // delivered to the inbox once
    expect(takeReached(doc, DEFS.filter((d) => d.id === 'both')[0])).toEqual([]); // auto-claimed ones never wait
  });

  test('a parent completes when its children do, and parents of parents follow in the same change', () => {
    const doc = fresh();
    for (let i = 0; i < 9; i++) event(doc, 'hit');
    event(doc, 'win');
    event(doc, 'win');
    expect(stateOf(doc, 'both').reached).toBe(1);
    expect(stateOf(doc, 'all')).toMatchObject({ progress: 1, reached: 0 });
    expect(ids(event(doc, 'hit'))).toEqual(['ten:unlocked', 'all:unlocked']);
  });

  test('documents from before tiers existed read as unlocked and claimed', () => {
    const problems: string[] = [];
    const read = ACHIEVEMENTS.shape({ achievements: { first: { progress: 1, unlockedAt: 5 }, second: { progress: 0 } }, processed: [] }, 'value', problems)!;
    expect(problems).toEqual([]);
    expect(stateOf(read, 'first')).toEqual({ progress: 1, reached: 1, claimed: 1, unlocked_at: 5 });
    expect(stateOf(read, 'second')).toEqual({ progress: 0, reached: 0, claimed: 0 });
  });
});
