import type { GameDefinition } from '../../core/game-registry';
import { DEFAULT_WIDENING } from '../../plugins/matchmaking/widening';
import { GAME_ID } from './protocol';

/** QuizVerse: the quiz game. Duels are rated with Elo; party matches of 3 to 8 with Weng-Lin. */
export const QUIZVERSE: GameDefinition = {
  id: GAME_ID,
  slug: 'quizverse',
  name: 'QuizVerse',
  matchModule: 'quiz',
  modes: {
    duel: { minPlayers: 2, maxPlayers: 2, maxPartySize: 1, rating: 'elo' },
    party: { minPlayers: 3, maxPlayers: 8, maxPartySize: 4, rating: 'weng-lin' },
  },
  currencies: ['coins', 'xp'],
  widening: DEFAULT_WIDENING,
  items: {
    hint_token: { kind: 'item', name: 'Hint Token' },
    badge_streak: { kind: 'badge', name: 'Hot Streak' },
    badge_scientist: { kind: 'badge', name: 'Scientist' },
    badge_speed: { kind: 'badge', name: 'Quick Draw' },
    title_quizmaster: { kind: 'title', name: 'Quizmaster' },
    title_polymath: { kind: 'title', name: 'Polymath' },
  },
};

/** Ticks per second of every quiz match (timers below are converted to ticks at match creation). */
export const QUIZ_TICK_RATE = 5;

/** How a mode is played. Seconds are turned into ticks when a match is created. */
export interface QuizModeSettings {
  /** Questions per match. */
  rounds: number;
  /** Time to answer one question. */
  timeLimitSeconds: number;
  /** Pause after a round (the reveal) before the next question. */
  gapSeconds: number;
  /** The match starts when every player has joined, or after this with whoever joined. */
  joinTimeoutSeconds: number;
  /** A player who disconnects may rejoin within this; after it they forfeit. */
  graceSeconds: number;
}

/** Settings per mode; every mode of QUIZVERSE needs an entry (checked by validateQuizSettings). */
export const QUIZ_MODE_SETTINGS: { [mode: string]: QuizModeSettings } = {
  duel: { rounds: 5, timeLimitSeconds: 10, gapSeconds: 2, joinTimeoutSeconds: 15, graceSeconds: 30 },
  party: { rounds: 8, timeLimitSeconds: 12, gapSeconds: 3, joinTimeoutSeconds: 20, graceSeconds: 30 },
};

/** Problems with the mode settings (a mode without settings, non-positive numbers), naming the field. */
export function validateQuizSettings(game: GameDefinition = QUIZVERSE, settings = QUIZ_MODE_SETTINGS): string[] {
  const problems: string[] = [];
  for (const mode of Object.keys(game.modes)) {
    const s = settings[mode];
    if (!s) {
      problems.push(`matches/quiz/game-quizverse.ts: QUIZ_MODE_SETTINGS.${mode}: missing`);
      continue;
    }
    for (const key of ['rounds', 'timeLimitSeconds', 'gapSeconds', 'joinTimeoutSeconds', 'graceSeconds'] as const) {
      if (!Number.isInteger(s[key]) || s[key] < 1) problems.push(`matches/quiz/game-quizverse.ts: QUIZ_MODE_SETTINGS.${mode}.${key}: must be an integer >= 1`);
    }
  }
  return problems;
}
