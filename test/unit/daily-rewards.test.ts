import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { QUIZVERSE } from '../../matches/quiz/game-quizverse';
import { DAY_MS, dayOf, dayStart, nextClaim, validateCalendar, type LoginCalendar } from '../../plugins/daily-rewards/calendar';
import { LOGIN_CALENDARS } from '../../plugins/daily-rewards/calendars';

const calendar = (grace: number, reset = 0, days = 7): LoginCalendar => ({ days: Array.from({ length: days }, (_, i) => ({ currencies: { coins: i + 1 } })), grace_days: grace, reset_minutes_utc: reset });

describe('daily login calendar', () => {
  test('days turn at the reset time (UTC midnight by default)', () => {
    const midnight = Date.UTC(2026, 11, 6);
    expect(dayOf(calendar(0), midnight) - dayOf(calendar(0), midnight - 1)).toBe(1);
    const at4 = calendar(0, 240);
    expect(dayOf(at4, midnight + 4 * 3600000 - 1)).toBe(dayOf(at4, midnight - 1));
    expect(dayOf(at4, midnight + 4 * 3600000)).toBe(dayOf(at4, midnight - 1) + 1);
    expect(dayStart(at4, dayOf(at4, midnight + 5 * 3600000))).toBe(midnight + 4 * 3600000);
    expect(dayStart(calendar(0), 10) - dayStart(calendar(0), 9)).toBe(DAY_MS);
  });

  test('a streak goes on day after day, wraps after the last day, and a claim on the same day gives nothing', () => {
    const c = calendar(0, 0, 3);
    let s = { streak: 0, last_day: -1 };
    const days: number[] = [];
    for (let today = 100; today < 105; today++) {
      const next = nextClaim(c, s, today)!;
      days.push(next.day);
      s = { streak: next.streak, last_day: today };
      expect(nextClaim(c, s, today)).toBeNull();
    }
    expect(days).toEqual([0, 1, 2, 0, 1]);
    expect(s.streak).toBe(5);
    expect(nextClaim(c, s, 103)).toBeNull(); // a clock behind the last claim
  });

  test('grace: missed days up to grace_days keep the streak; more start again', () => {
    const s = { streak: 4, last_day: 10 };
    expect(nextClaim(calendar(0), s, 12)).toEqual({ streak: 1, day: 0 });
    expect(nextClaim(calendar(1), s, 12)).toEqual({ streak: 5, day: 4 });
    expect(nextClaim(calendar(1), s, 13)).toEqual({ streak: 1, day: 0 });
  });

  test('the shipped calendars are valid, and bad ones are refused naming the field', () => {
    expect(validateCalendar('qv', LOGIN_CALENDARS[QUIZVERSE.id], QUIZVERSE)).toEqual([]);
    expect(validateCalendar('ltl', LOGIN_CALENDARS[LASTTOLIVE.id], LASTTOLIVE)).toEqual([]);
    expect(validateCalendar('x', { ...calendar(0), days: [] }, QUIZVERSE)).toEqual(['x.days: 1 to 31 days of rewards']);
    expect(validateCalendar('x', { days: [{ currencies: { gems: 1 } }], grace_days: 5, reset_minutes_utc: 1440 }, QUIZVERSE)).toEqual([
      expect.stringContaining('x.days[0].currencies.gems: not a currency'),
      'x.grace_days: an integer from 0 to 3',
      'x.reset_minutes_utc: an integer from 0 to 1439',
    ]);
  });
});
