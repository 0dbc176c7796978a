import { advance, emptyState, validateRequirement, type Requirement, type RequirementState } from '../../core/requirements';

/** Feed events [type, data, time] through a requirement; the states after each. */
function run(r: Requirement, events: [string, object, number][]): RequirementState {
  let s = emptyState();
  for (const [type, data, at] of events) s = advance(r, s, type, data as { [k: string]: unknown }, at) || s;
  return s;
}

describe('the requirement engine', () => {
  test('counts filtered events against a threshold; a met requirement stays met', () => {
    const r: Requirement = { counter: { event: 'match_won', equals: { mode: 'duel' } }, threshold: 2 };
    expect(run(r, [['match_won', { mode: 'duel' }, 1], ['match_won', { mode: 'party' }, 2]])).toEqual({ value: 1, events: 1 });
    const met = run(r, [['match_won', { mode: 'duel' }, 1], ['match_won', { mode: 'duel' }, 5]]);
    expect(met).toEqual({ value: 2, events: 2, met_at: 5 });
    expect(advance(r, met, 'match_won', { mode: 'duel' }, 9)).toBeNull();
  });

  test('a timeframe counts only events inside the sliding window ("3 wins within 24 hours")', () => {
    const r: Requirement = { counter: { event: 'match_won' }, threshold: 3, timeframe_seconds: 86400 };
    const day = 86400000;
    const slow = run(r, [['match_won', {}, 0], ['match_won', {}, day / 2], ['match_won', {}, day + 1]]);
    expect(slow.value).toBe(2);
    expect(slow.met_at).toBeUndefined();
    expect(run(r, [['match_won', {}, 0], ['match_won', {}, day / 2], ['match_won', {}, day - 1]]).met_at).toBe(day - 1);
  });

  test('metrics: sum, max and min of a numeric field, with each operator', () => {
    const sum: Requirement = { counter: { event: 'match_completed' }, metric: { sum: 'score' }, threshold: 500 };
    expect(run(sum, [['match_completed', { score: 300 }, 1], ['match_completed', { score: 250 }, 2]])).toMatchObject({ value: 550, met_at: 2 });
    const fastest: Requirement = { counter: { event: 'answer_correct' }, metric: { min: 'response_ticks' }, operator: 'lte', threshold: 5 };
    expect(run(fastest, [['answer_correct', { response_ticks: 9 }, 1]])).toEqual({ value: 9, events: 1 });
    expect(run(fastest, [['answer_correct', { response_ticks: 9 }, 1], ['answer_correct', { response_ticks: 4 }, 2]])).toMatchObject({ value: 4, met_at: 2 });
    const best: Requirement = { counter: { event: 'kill' }, metric: { max: 'distance' }, operator: 'gt', threshold: 30 };
    expect(run(best, [['kill', { distance: 30 }, 1]]).met_at).toBeUndefined();
    expect(run(best, [['kill', { distance: 31 }, 1]]).met_at).toBe(1);
    const exact: Requirement = { counter: { event: 'kill' }, operator: 'eq', threshold: 2 };
    expect(run(exact, [['kill', {}, 1], ['kill', {}, 2]]).met_at).toBe(2);
    const under: Requirement = { counter: { event: 'eliminated' }, metric: { max: 'placement' }, operator: 'lt', threshold: 4 };
    expect(run(under, [['eliminated', { placement: 3 }, 7]]).met_at).toBe(7);
    // An event without the field (or with a non-number) does not count.
    expect(advance(sum, emptyState(), 'match_completed', { score: 'lots' }, 1)).toBeNull();
  });

  test('resetOn sets the progress back ("10 in a row")', () => {
    const r: Requirement = { counter: { event: 'answer_correct', resetOn: 'answer_wrong' }, threshold: 3 };
    expect(run(r, [['answer_correct', {}, 1], ['answer_correct', {}, 2], ['answer_wrong', {}, 3], ['answer_correct', {}, 4]])).toEqual({ value: 1, events: 1 });
    expect(advance(r, emptyState(), 'answer_wrong', {}, 1)).toBeNull();
  });

  test('validation names each bad field', () => {
    expect(validateRequirement('r', { counter: { event: 'kill' }, threshold: 3, timeframe_seconds: 600 })).toEqual([]);
    expect(validateRequirement('r', { counter: { event: 'Kill', extra: 1 } as never, metric: { avg: 'x' } as never, operator: 'ne' as never, threshold: 1.5, timeframe_seconds: 0 })).toEqual([
      'r.counter.extra: unknown field (event, equals, atLeast, atMost, resetOn)',
      'r.counter.event: must be an event type (snake_case)',
      "r.metric: 'count', or {sum | max | min: <numeric data field>}",
      'r.operator: one of gt, gte, lt, lte, eq',
      'r.timeframe_seconds: an integer from 1 to 31622400',
    ]);
    expect(validateRequirement('r', { counter: { event: 'kill' }, threshold: 0 })).toEqual(['r.threshold: a count is an integer >= 1']);
    expect(validateRequirement('r', { counter: { event: 'kill' }, threshold: 500, timeframe_seconds: 60 })).toEqual(['r.threshold: a count is an integer >= 1 and at most 200 within a timeframe']);
    expect(validateRequirement('r', { counter: { event: 'match_completed' }, metric: { sum: 'score' }, threshold: 0.5 })).toEqual([]);
  });
});
