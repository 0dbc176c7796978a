import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { QUIZVERSE } from '../../matches/quiz/game-quizverse';
import { missionsFor, validatePool } from '../../plugins/daily-missions/pool';
import { MISSION_POOLS } from '../../plugins/daily-missions/pools';

const pool = MISSION_POOLS[QUIZVERSE.id];
const ids = (user: string, day: number) => missionsFor(pool, QUIZVERSE.id, user, day).map((m) => m.id);

describe('daily missions', () => {
  test('each player gets per_day distinct missions a day, the same on every call, drawn anew for other days and players', () => {
    const today = ids('u1', 20000);
    expect(today).toHaveLength(3);
    expect(new Set(today).size).toBe(3);
    expect(ids('u1', 20000)).toEqual(today);
    const days = new Set(Array.from({ length: 20 }, (_, d) => ids('u1', 20000 + d).join(',')));
    const players = new Set(Array.from({ length: 20 }, (_, i) => ids(`u${i}`, 20000).join(',')));
    expect(days.size).toBeGreaterThan(5);
    expect(players.size).toBeGreaterThan(5);
    // Over many draws every mission of the pool comes up.
    const seen = new Set(Array.from({ length: 200 }, (_, i) => ids(`p${i}`, 1)).flat());
    expect([...seen].sort()).toEqual(pool.missions.map((m) => m.id).sort());
  });

  test('the shipped pools are valid; bad ones are refused naming the field', () => {
    expect(validatePool('qv', pool, QUIZVERSE)).toEqual([]);
    expect(validatePool('ltl', MISSION_POOLS[LASTTOLIVE.id], LASTTOLIVE)).toEqual([]);
    expect(validatePool('x', { ...pool, per_day: 9 }, QUIZVERSE)).toEqual(["x.per_day: an integer from 1 to the pool's size (6)"]);
    expect(validatePool('x', { per_day: 1, reset_minutes_utc: 0, missions: [{ id: 'a', name: 'A', requirement: { counter: { event: 'kill' }, threshold: 0 }, rewards: { currencies: { gems: 1 } } }] }, QUIZVERSE)).toEqual([
      'x.missions[0].requirement.threshold: a count is an integer >= 1',
      expect.stringContaining('x.missions[0].rewards.currencies.gems: not a currency'),
    ]);
  });
});
