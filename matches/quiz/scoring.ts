/**
 * Points for a correct answer (wrong or missing answers earn nothing):
 *   BASE_POINTS
 * + speed bonus  floor(SPEED_BONUS * ticksLeft / timeLimitTicks)   (ticksLeft = deadline - answer tick)
 * + streak bonus min(STREAK_STEP * (streak - 1), STREAK_MAX)        (streak counts this answer)
 * So the 1st correct answer in a row earns no streak bonus, the 2nd +10, the 3rd +20, then +30 each.
 */
export const BASE_POINTS = 100;
export const SPEED_BONUS = 50;
export const STREAK_STEP = 10;
export const STREAK_MAX = 30;

export interface AnswerPoints {
  /** Everything this answer earns. */
  points: number;
  /** Part of it for speed. */
  speedBonus: number;
  /** Part of it for the streak. */
  streakBonus: number;
}

/** Points of a correct answer with `ticksLeft` of `timeLimitTicks` remaining, making a streak of `streak`. */
export function correctAnswerPoints(ticksLeft: number, timeLimitTicks: number, streak: number): AnswerPoints {
  const left = Math.max(0, Math.min(ticksLeft, timeLimitTicks));
  const speedBonus = Math.floor((SPEED_BONUS * left) / timeLimitTicks);
  const streakBonus = Math.min(STREAK_STEP * Math.max(0, streak - 1), STREAK_MAX);
  return { points: BASE_POINTS + speedBonus + streakBonus, speedBonus, streakBonus };
}
