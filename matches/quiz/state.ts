import type { RngState } from '../shared/rng';

/**
 * QuizVerse match state: plain JSON (it crosses Go between handler calls): arrays instead of maps
 * so order is deterministic, -1 / '' instead of undefined, no class instances.
 */
export interface QuizPlayer {
  /** Nakama user id. */
  userId: string;
  /** Display name from the matchmaker. */
  username: string;
  /** Has a presence in the match right now. */
  connected: boolean;
  /** Has joined at least once. Only players who joined before round 1 may play (and rejoin). */
  joined: boolean;
  /** While disconnected: the tick at which the player forfeits unless back before it; -1 otherwise. */
  graceUntilTick: number;
  /** Out for good: never came before round 1, or did not rejoin in time. Placed last, may not act. */
  forfeited: boolean;
  /** Tick of the forfeit, -1 if none. Among forfeited players, who held out longer places higher. */
  forfeitTick: number;
  /** Total points (sum of the points of this player's correct answers). */
  score: number;
  /** Correct answers in the match. */
  correctAnswers: number;
  /** Correct answers in a row, reset by a wrong or missing answer. */
  streak: number;
  /** Longest streak in the match. */
  bestStreak: number;
  /** Sum of ticks taken to answer correctly: the tie-breaker after score and correct answers. */
  responseTicks: number;
  /** The last round this player answered (0 = none yet): one answer per round. */
  answeredRound: number;
}

/** A question as this match asks it: drawn and shuffled at creation, so replays need no bank. */
export interface PlannedQuestion {
  /** Stable id in the question bank. */
  questionId: string;
  /** Category, e.g. "science". */
  category: string;
  /** 1 easy, 2 medium, 3 hard. */
  difficulty: number;
  /** The question. */
  text: string;
  /** Choices in this match's seeded order. */
  choices: string[];
  /** Index of the correct choice in `choices`. */
  correctChoice: number;
}

/** The round currently or last played. Its question is plan[number - 1]. */
export interface QuizRound {
  /** 1-based. */
  number: number;
  /** Tick the question was sent at. */
  startTick: number;
  /** Last tick an answer is accepted at. */
  deadlineTick: number;
  /** The first correct answerer (the fastest: inputs arrive in tick order), '' while nobody. */
  fastestUserId: string;
  /** Points of that answer (the round_won event's points). */
  fastestPoints: number;
}

/** waiting: for players to join; question: a round is open; between: gap after a round; ended. */
export type QuizPhase = 'waiting' | 'question' | 'between' | 'ended';

export interface QuizState {
  /** The game's UUID (events carry it). */
  gameId: string;
  /** Game mode: 'duel' or 'party'. */
  mode: string;
  /** Nakama match id: the prefix of event ids. */
  matchId: string;
  /** The seed the match was created with (recorded for replay). */
  seed: string;
  /** Seeded generator state after the last step; all randomness comes from here. */
  rng: RngState;
  /** Ticks per second. */
  tickRate: number;
  /** Rounds in this match (= plan.length). */
  rounds: number;
  /** Ticks a player has to answer a question. */
  timeLimitTicks: number;
  /** Ticks between the end of a round and the next question. */
  gapTicks: number;
  /** Ticks a disconnected player has to rejoin before forfeiting. */
  graceTicks: number;
  /** The questions for rounds 1..n, drawn from the seeded generator at creation. */
  plan: PlannedQuestion[];
  /** In matchmaker order (the last tie-breaker). */
  players: QuizPlayer[];
  /** Where the match is. */
  phase: QuizPhase;
  /** The current or last round, null before round 1. */
  round: QuizRound | null;
  /** In 'waiting': the tick by which players must have joined. In 'between': when the next round opens. */
  nextPhaseTick: number;
  /** Tick round 1 opened at, -1 before. */
  startTick: number;
  /** Sequence number of the last domain event emitted (event id = match id + sequence). */
  eventSeq: number;
}
