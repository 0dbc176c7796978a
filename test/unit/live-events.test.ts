import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { QUIZVERSE } from '../../matches/quiz/game-quizverse';
import { cronMatches, cronNext, cronPrevious, cronProblem, parseCron } from '../../plugins/live-events/cron';
import { normaliseEvent, validateEvent, type LiveEventDefinition } from '../../plugins/live-events/definitions';
import { addProgress, claimDue, completeMission, emptyProgress, incrementsFor, mayContribute, rankRewardFor, shardOf, SHARDS } from '../../plugins/live-events/engine';
import { activeOccurrence, findOccurrence, lastEndedOccurrence, nextOccurrence } from '../../plugins/live-events/schedule';

const at = (iso: string) => Date.parse(iso);
const MIN = 60 * 1000;
const HOUR = 60 * MIN;

describe('cron matcher (5 fields, UTC)', () => {
  test('stars, numbers, lists, ranges and steps', () => {
    const every15 = parseCron('*/15 * * * *');
    expect([0, 15, 30, 45].every((m) => every15.minutes[m])).toBe(true);
    expect(every15.minutes.filter(Boolean)).toHaveLength(4);
    const c = parseCron('0,30 9-17/4 1 1,6 *');
    expect(c.hours.map((v, h) => (v ? h : -1)).filter((h) => h >= 0)).toEqual([9, 13, 17]);
    expect(c.months.map((v, m) => (v ? m : -1)).filter((m) => m >= 0)).toEqual([1, 6]);
    expect(parseCron('5/20 * * * *').minutes.map((v, m) => (v ? m : -1)).filter((m) => m >= 0)).toEqual([5, 25, 45]);
    expect(parseCron('0 0 * * 7').weekdays[0]).toBe(true); // 7 is Sunday too
  });

  test('matches minutes in UTC; both day fields restricted means either', () => {
    const fridays = parseCron('0 18 * * 5');
    expect(cronMatches(fridays, at('2025-01-03T18:00:30Z'))).toBe(true); // a Friday
    expect(cronMatches(fridays, at('2025-01-03T18:01:00Z'))).toBe(false);
    expect(cronMatches(fridays, at('2025-01-04T18:00:00Z'))).toBe(false);
    const either = parseCron('0 0 13 * 5'); // the 13th, or any Friday
    expect(cronMatches(either, at('2025-01-13T00:00:00Z'))).toBe(true); // a Monday
    expect(cronMatches(either, at('2025-01-10T00:00:00Z'))).toBe(true); // a Friday
    expect(cronMatches(either, at('2025-01-11T00:00:00Z'))).toBe(false);
  });

  test('previous and next occurrences within bounds', () => {
    const fridays = parseCron('0 18 * * 5');
    const wednesday = at('2025-01-08T12:00:00Z');
    expect(cronPrevious(fridays, wednesday, at('2024-12-01T00:00:00Z'))).toBe(at('2025-01-03T18:00:00Z'));
    expect(cronPrevious(fridays, wednesday, at('2025-01-04T00:00:00Z'))).toBeNull();
    expect(cronNext(fridays, wednesday, at('2025-02-01T00:00:00Z'))).toBe(at('2025-01-10T18:00:00Z'));
    expect(cronNext(fridays, at('2025-01-10T18:00:00Z'), at('2025-02-01T00:00:00Z'))).toBe(at('2025-01-17T18:00:00Z')); // strictly after
    expect(cronPrevious(fridays, at('2025-01-10T18:00:00Z'), 0)).toBe(at('2025-01-10T18:00:00Z')); // at or before
    expect(cronNext(fridays, wednesday, at('2025-01-10T17:59:00Z'))).toBeNull();
    const hourly = parseCron('30 * * * *');
    expect(cronPrevious(hourly, at('2025-01-01T00:10:00Z'), 0)).toBe(at('2024-12-31T23:30:00Z'));
  });

  test('problems name the field', () => {
    expect(cronProblem('* * * *')).toBe('must have 5 fields (minute hour day-of-month month day-of-week), got 4');
    expect(cronProblem('60 * * * *')).toBe('minute "60": 60 is outside 0-59');
    expect(cronProblem('* 5-2 * * *')).toBe('hour "5-2": range 5-2 runs backwards');
    expect(cronProblem('* * 0 * *')).toBe('day-of-month "0": 0 is outside 1-31');
    expect(cronProblem('* * * * mon')).toBe('day-of-week "mon": "mon" is not a number');
    expect(cronProblem('*/0 * * * *')).toBe('minute "*/0": a step must be at least 1');
    expect(cronProblem('0 18 * * 5')).toBeNull();
  });
});

const NOW = at('2025-01-01T00:00:00Z');

/** An event as an admin sends it. */
function input(over: Partial<LiveEventDefinition> = {}): LiveEventDefinition {
  return {
    id: 'winter_cup', name: 'Winter Cup', description: 'Win duels.', starts_at: NOW, ends_at: NOW + 24 * HOUR,
    missions: [
      { id: 'win_3', name: 'Win 3', counter: { event: 'match_won' }, target: 3, points: 30, rewards: { currencies: { coins: 100 } } },
      { id: 'streak_3', name: 'Streak', counter: { event: 'answer_correct', atLeast: { streak: 3 }, resetOn: 'answer_wrong' }, target: 2, points: 5, rewards: {} },
    ],
    community_goal: { counter: { event: 'answer_correct' }, target: 100, rewards: { currencies: { coins: 10 } } },
    rank_rewards: [{ from_rank: 1, to_rank: 1, rewards: { currencies: { coins: 500 } } }, { from_rank: 2, to_rank: 10, rewards: { currencies: { coins: 50 } } }],
    ...over,
  } as LiveEventDefinition;
}
/** The same event as stored. */
const event = (over: Partial<LiveEventDefinition> = {}) => normaliseEvent(input(over), NOW);

describe('event definitions', () => {
  test('a valid event passes; defaults are filled in', () => {
    expect(validateEvent(input(), QUIZVERSE, [], NOW)).toEqual([]);
    const stored = normaliseEvent({ id: 'x', name: 'X', starts_at: NOW, ends_at: NOW + HOUR, missions: [] } as unknown as LiveEventDefinition, NOW);
    expect(stored).toMatchObject({ description: '', xp_multiplier: 1, created_at: NOW });
  });

  test('every problem names its field', () => {
    const bad = {
      id: 'Bad Id', name: '', starts_at: NOW, ends_at: NOW - 1, xp_multiplier: 11, colour: 'red',
      missions: [
        { id: 'm', name: 'M', counter: { event: 'match_won', atLeast: { kills: 'many' } }, target: 0, points: -1, rewards: { currencies: { diamonds: 1 } } },
        { id: 'm', name: 'M2', counter: { type: 'kill' }, target: 1, points: 0 },
      ],
      community_goal: { counter: { event: 'kill' }, target: 0 },
      rank_rewards: [{ from_rank: 1, to_rank: 5, rewards: {} }, { from_rank: 5, to_rank: 3, rewards: {} }, { from_rank: 4, to_rank: 6, rewards: {} }],
    } as unknown as LiveEventDefinition;
    expect(validateEvent(bad, QUIZVERSE, [], NOW)).toEqual([
      'event.colour: unknown field (id, name, description, starts_at, ends_at, recurrence, xp_multiplier, missions, community_goal, rank_rewards)',
      'event.id: must be snake_case, at most 48 characters',
      'event.name: required, at most 100 characters',
      'event.ends_at: an integer (ms since the epoch) after starts_at',
      'event.xp_multiplier: a number from 1 to 10',
      'event.missions[0].counter.atLeast.kills: must be a number',
      'event.missions[0].target: an integer >= 1',
      'event.missions[0].points: an integer >= 0',
      'event.missions[0].rewards.currencies.diamonds: not a currency of QuizVerse (coins, xp)',
      'event.missions[1].id: m is used twice',
      'event.missions[1].counter.type: unknown field (event, equals, atLeast, atMost, resetOn)',
      'event.missions[1].counter.event: must be an event type (snake_case)',
      'event.community_goal.target: an integer >= 1',
      'event.community_goal.rewards: must be an object {currencies?, items?}',
      'event.rank_rewards[1]: from_rank and to_rank integers with 1 <= from_rank <= to_rank',
      'event.rank_rewards[2]: ranks 4-6 overlap another entry',
    ]);
  });

  test('times, recurrence, ids and the game\'s currencies and items', () => {
    expect(validateEvent(input(), QUIZVERSE, ['winter_cup'], NOW)).toEqual(['event.id: winter_cup exists already in QuizVerse']);
    expect(validateEvent(input(), QUIZVERSE, [], NOW + 24 * HOUR)).toEqual(['event.ends_at: must be in the future']);
    expect(validateEvent(input({ ends_at: NOW + 400 * 24 * HOUR }), QUIZVERSE, [], NOW)).toEqual(['event.ends_at: an event spans at most 366 days']);
    expect(validateEvent(input({ recurrence: { cron: '0 18 * * 5', duration_seconds: 30 }, ends_at: NOW + 2 * 24 * HOUR }), QUIZVERSE, [], NOW))
      .toEqual(['event.recurrence.duration_seconds: an integer >= 60', 'event.recurrence.cron: no occurrence between starts_at and ends_at']);
    expect(validateEvent(input({ recurrence: { cron: '0 25 * * *', duration_seconds: 60 } }), QUIZVERSE, [], NOW)).toEqual(['event.recurrence.cron: hour "25": 25 is outside 0-23']);
    expect(validateEvent(input({ rank_rewards: [{ from_rank: 1, to_rank: 1, rewards: { items: { badge_speed: 1 } } }] }), LASTTOLIVE, [], NOW))
      .toEqual(['event.rank_rewards[0].rewards.items.badge_speed: not an item of LastToLive']);
    expect(validateEvent([] as unknown as LiveEventDefinition, QUIZVERSE, [], NOW)).toEqual(['event: must be a JSON object']);
  });
});

describe('occurrences', () => {
  test('a one-off event runs once over [starts_at, ends_at)', () => {
    const e = event();
    expect(activeOccurrence(e, NOW - 1)).toBeNull();
    expect(nextOccurrence(e, NOW - 1)).toMatchObject({ id: `winter_cup@${NOW}` });
    expect(activeOccurrence(e, NOW)).toMatchObject({ id: `winter_cup@${NOW}`, starts_at: NOW, ends_at: NOW + 24 * HOUR });
    expect(lastEndedOccurrence(e, NOW + HOUR)).toBeNull();
    expect(activeOccurrence(e, NOW + 24 * HOUR)).toBeNull();
    expect(lastEndedOccurrence(e, NOW + 24 * HOUR)).toMatchObject({ id: `winter_cup@${NOW}` });
  });

  test('a recurring event: each cron match runs for its duration, cut by the next one and by ends_at', () => {
    // Every day at 18:00 for 2 hours, over three days from 2025-01-01.
    const e = event({ recurrence: { cron: '0 18 * * *', duration_seconds: 2 * 3600 }, ends_at: NOW + 3 * 24 * HOUR });
    const day1 = at('2025-01-01T18:00:00Z');
    expect(activeOccurrence(e, day1 - 1)).toBeNull();
    expect(activeOccurrence(e, day1 + HOUR)).toMatchObject({ id: `winter_cup@${day1}`, ends_at: day1 + 2 * HOUR });
    expect(activeOccurrence(e, day1 + 2 * HOUR)).toBeNull();
    expect(lastEndedOccurrence(e, day1 + 3 * HOUR)).toMatchObject({ id: `winter_cup@${day1}` });
    expect(nextOccurrence(e, day1 + 3 * HOUR)).toMatchObject({ starts_at: day1 + 24 * HOUR });
    // The last day's occurrence runs 18:00-20:00 on 2025-01-03; the event ends at midnight after it.
    expect(lastEndedOccurrence(e, NOW + 3 * 24 * HOUR + 10 * HOUR)).toMatchObject({ starts_at: day1 + 48 * HOUR });
    const cut = { ...e, recurrence: { cron: '0 * * * *', duration_seconds: 2 * 3600 } };
    expect(activeOccurrence(cut, NOW + 90 * MIN)).toMatchObject({ starts_at: NOW + HOUR, ends_at: NOW + 2 * HOUR });
    expect(lastEndedOccurrence(cut, NOW + 90 * MIN)).toMatchObject({ starts_at: NOW, ends_at: NOW + HOUR });
    const ended = { ...e, ends_at: day1 + 30 * MIN };
    expect(activeOccurrence(ended, day1 + 40 * MIN)).toBeNull();
    expect(lastEndedOccurrence(ended, day1 + 40 * MIN)).toMatchObject({ ends_at: day1 + 30 * MIN });
  });

  test('found by occurrence id or by event id', () => {
    const e = event({ recurrence: { cron: '0 18 * * *', duration_seconds: 3600 }, ends_at: NOW + 3 * 24 * HOUR });
    const day2 = at('2025-01-02T18:00:00Z');
    expect(findOccurrence([e], `winter_cup@${day2}`, NOW)).toMatchObject({ starts_at: day2, ends_at: day2 + HOUR });
    expect(findOccurrence([e], `winter_cup@${day2 + MIN}`, NOW)).toBeNull();
    expect(findOccurrence([e], 'winter_cup', day2 + 10 * MIN)).toMatchObject({ starts_at: day2 });
    expect(findOccurrence([e], 'winter_cup', day2 + 2 * HOUR)).toMatchObject({ starts_at: day2 }); // the last ended
    expect(findOccurrence([e], 'winter_cup', NOW)).toBeNull(); // nothing ran yet
    expect(findOccurrence([e], 'summer_cup', day2)).toBeNull();
  });
});

describe('progress rules', () => {
  const e = event();

  test('events count towards missions; completion adds points once and returns the mission', () => {
    const doc = emptyProgress();
    const won = incrementsFor(e, 'match_won', { score: 500 });
    expect(won).toEqual({ missions: { win_3: 1 }, community: 0 });
    expect(addProgress(doc, e, won, 1).completed).toEqual([]);
    addProgress(doc, e, won, 2);
    const third = addProgress(doc, e, won, 3);
    expect(third.completed.map((m) => m.id)).toEqual(['win_3']);
    expect(doc).toMatchObject({ points: 30, missions: { win_3: { progress: 3, completed_at: 3 } } });
    expect(addProgress(doc, e, won, 4)).toEqual({ completed: [], contributed: 0, changed: false }); // complete: no more progress
    expect(doc.points).toBe(30);
  });

  test('conditions, resets and community contributions', () => {
    const doc = emptyProgress();
    expect(incrementsFor(e, 'answer_correct', { streak: 2 })).toEqual({ missions: {}, community: 1 });
    const streak = incrementsFor(e, 'answer_correct', { streak: 3 });
    expect(streak).toEqual({ missions: { streak_3: 1 }, community: 1 });
    addProgress(doc, e, streak, 1);
    addProgress(doc, e, incrementsFor(e, 'answer_wrong', {}), 2);
    expect(doc.missions.streak_3).toEqual({ progress: 0 });
    expect(doc.contributions).toBe(1);
    expect(incrementsFor(e, 'kill', { weapon: 'rifle' })).toEqual({ missions: {}, community: 0 });
  });

  test('an admin completion completes once', () => {
    const doc = emptyProgress();
    expect(completeMission(doc, e, e.missions[0], 7)).toEqual({ completed: [e.missions[0]], contributed: 0, changed: true });
    expect(completeMission(doc, e, e.missions[0], 8)).toEqual({ completed: [], contributed: 0, changed: false });
    expect(doc).toMatchObject({ points: 30, missions: { win_3: { progress: 3, completed_at: 7 } } });
  });

  test('a community goal may count completed missions (mission_completed)', () => {
    const together = event({ community_goal: { counter: { event: 'mission_completed', equals: { mission_id: 'win_3' } }, target: 1000, rewards: {} } });
    const won = incrementsFor(together, 'match_won', {});
    expect(mayContribute(together, won)).toBe(true);
    expect(mayContribute(e, won)).toBe(false);
    expect(mayContribute(together, incrementsFor(together, 'kill', {}))).toBe(false);
    const doc = emptyProgress();
    expect(addProgress(doc, together, won, 1)).toMatchObject({ contributed: 0, changed: true });
    addProgress(doc, together, won, 2);
    expect(addProgress(doc, together, won, 3)).toMatchObject({ contributed: 1 });
    expect(completeMission(doc, together, together.missions[1], 4)).toMatchObject({ contributed: 0, changed: true }); // not win_3
    expect(doc.contributions).toBe(1);
  });

  test('claims: the community goal for contributors once reached, the rank reward once ended, each once', () => {
    expect(rankRewardFor(e, 1)).toEqual({ currencies: { coins: 500 } });
    expect(rankRewardFor(e, 10)).toEqual({ currencies: { coins: 50 } });
    expect(rankRewardFor(e, 11)).toBeNull();
    expect(rankRewardFor(e, 0)).toBeNull();
    const doc = { ...emptyProgress(), points: 30, contributions: 2 };
    expect(claimDue(doc, e, { goalReached: false, ended: false, rank: 1 })).toEqual([]);
    expect(claimDue(doc, e, { goalReached: true, ended: false, rank: 1 })).toEqual([{ kind: 'community_goal', rewards: { currencies: { coins: 10 } } }]);
    expect(claimDue(doc, e, { goalReached: true, ended: true, rank: 2 })).toEqual([{ kind: 'rank', rewards: { currencies: { coins: 50 } } }]);
    expect(claimDue(doc, e, { goalReached: true, ended: true, rank: 2 })).toEqual([]);
    expect(claimDue({ ...emptyProgress() }, e, { goalReached: true, ended: true, rank: 1 })).toEqual([]); // no contribution, no points
  });

  test('community shards: stable per player, spread over all shards', () => {
    const id = '6f1c2d3e-0000-4000-8000-000000000001';
    expect(shardOf(id)).toBe(shardOf(id));
    const used = new Set<number>();
    for (let i = 0; i < 200; i++) used.add(shardOf(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`));
    expect(used.size).toBe(SHARDS);
  });
});
