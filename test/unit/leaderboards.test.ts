import { absorb, nextReset, periodStart, validateBoards, type BoardDefinition } from '../../plugins/leaderboards/boards';
import { BOARDS } from '../../plugins/leaderboards/definitions';

const DAY = 86400000;
const at = (iso: string) => Date.parse(iso);
const sum: BoardDefinition = { id: 'score_weekly', name: 'Points', counter: { event: 'match_completed' }, score: { sum: 'score' }, period: 'weekly' };
const best: BoardDefinition = { ...sum, id: 'best', score: { max: 'score' }, period: 'all_time' };
const wins: BoardDefinition = { id: 'wins', name: 'Wins', counter: { event: 'match_won', equals: { mode: 'duel' } }, score: 'count', period: 'all_time' };

describe('leaderboard periods', () => {
  test('a week starts on Monday 00:00 UTC and lasts 7 days; all-time never resets', () => {
    // 2026-03-02 is a Monday.
    for (const t of ['2026-03-02T00:00:00Z', '2026-03-04T12:00:00Z', '2026-03-08T23:59:59.999Z']) {
      expect(periodStart('weekly', at(t))).toBe(at('2026-03-02T00:00:00Z'));
      expect(nextReset('weekly', at(t))).toBe(at('2026-03-09T00:00:00Z'));
    }
    expect(periodStart('weekly', at('2026-03-01T23:59:59Z'))).toBe(at('2026-02-23T00:00:00Z'));
    expect(periodStart('weekly', 0)).toBe(-3 * DAY); // 1970-01-01 was a Thursday
    expect(periodStart('all_time', at('2026-03-04T00:00:00Z'))).toBe(0);
    expect(nextReset('all_time', 123)).toBeNull();
  });
});

describe('absorb', () => {
  const now = at('2026-03-04T12:00:00Z');
  test('sums, counts and keeps the best of the events that count', () => {
    const one = absorb(sum, undefined, 'match_completed', { score: 120 }, now)!;
    expect(one).toEqual({ period: at('2026-03-02T00:00:00Z'), score: 120 });
    expect(absorb(sum, one, 'match_completed', { score: 80 }, now)).toEqual({ ...one, score: 200 });
    expect(absorb(best, { period: 0, score: 120 }, 'match_completed', { score: 80 }, now)).toBeNull();
    expect(absorb(best, { period: 0, score: 120 }, 'match_completed', { score: 150 }, now)).toEqual({ period: 0, score: 150 });
    expect(absorb(wins, { period: 0, score: 2 }, 'match_won', { mode: 'duel' }, now)).toEqual({ period: 0, score: 3 });
  });

  test('events that do not count, or carry no integer >= 0, change nothing', () => {
    expect(absorb(sum, undefined, 'match_won', { score: 5 }, now)).toBeNull();
    expect(absorb(wins, undefined, 'match_won', { mode: 'party' }, now)).toBeNull();
    for (const score of [-1, 1.5, '7', null, undefined, NaN]) expect(absorb(sum, undefined, 'match_completed', { score }, now)).toBeNull();
  });

  test('a total of an earlier week counts as 0: the new week starts from nothing', () => {
    const lastWeek = { period: at('2026-02-23T00:00:00Z'), score: 900 };
    expect(absorb(sum, lastWeek, 'match_completed', { score: 30 }, now)).toEqual({ period: at('2026-03-02T00:00:00Z'), score: 30 });
  });
});

describe('board definitions', () => {
  test("every game's boards are valid", () => {
    for (const id of Object.keys(BOARDS)) expect(validateBoards(id, BOARDS[id])).toEqual([]);
  });

  test('each problem names the board and the field', () => {
    const bad = [
      { ...sum, id: 'Bad Id' },
      { ...sum, id: 'b1', score: { min: 'score' } },
      { ...sum, id: 'b2', period: 'monthly' },
      { ...sum, id: 'x', counter: { event: 'Match' }, extra: 1 },
      sum, sum,
    ] as unknown as BoardDefinition[];
    expect(validateBoards('g', bad)).toEqual([
      'g[0].id: snake_case, at most 48 characters',
      "g[1].score: 'count', or {sum | max: <integer data field>}",
      "g[2].period: 'weekly' or 'all_time'",
      'g[3].extra: unknown field (id, name, counter, score, period)',
      'g[3].counter.event: must be an event type (snake_case)',
      'g[4].id: used twice',
      'g[5].id: used twice',
    ]);
    expect(validateBoards('g', [])).toEqual(['g: 1 to 20 boards']);
  });
});
