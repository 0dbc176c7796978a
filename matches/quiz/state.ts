import type { RngState } from '../shared/rng';

/**
 * QuizVerse match state: plain JSON (it crosses Go between handler calls), arrays instead of maps
 * so order is deterministic.
 */
export interface QuizPlayer {
  userId: string;
  username: string;
  /** Whether the player is in the match right now. */
  connected: boolean;
  /** Has joined at least once (players who never came are left out of standings' winner choice). */
  joined: boolean;
  score: number;
  correctAnswers: number;
  /** Correct answers in a row, reset by a wrong or missing answer. */
  streak: number;
  /** Sum of ticks taken to answer correctly: the tie-breaker after score and correct answers. */
  responseTicks: number;
  /** The last round this player answered (0 = none yet): one answer per round. */
  answeredRound: number;
}

/** The question currently or last asked. */
export interface QuizRound {
  /** 1-based. */
  number: number;
  questionId: string;
  category: string;
  text: string;
  /** Choices in this match's seeded order. */
  choices: string[];
  /** Index of the correct choice in `choices`. */
  correctChoice: number;
  /** Tick the question was sent at. */
  startTick: number;
  /** Last tick an answer is accepted at. */
  deadlineTick: number;
}

export type QuizPhase = 'waiting' | 'question' | 'between' | 'ended';

export interface QuizState {
  gameId: string;
  mode: string;
  matchId: string;
  /** The seed the match was created with (recorded for replay). */
  seed: string;
  /** Seeded generator state; all randomness comes from here. */
  rng: RngState;
  tickRate: number;
  /** Rounds in this match. */
  rounds: number;
  /** Ticks a player has to answer a question. */
  timeLimitTicks: number;
  /** Ticks between the end of a round and the next question. */
  gapTicks: number;
  /** Question ids for rounds 1..n, drawn from the seeded generator at creation. */
  questionIds: string[];
  /** In matchmaker order (the last tie-breaker). */
  players: QuizPlayer[];
  phase: QuizPhase;
  round: QuizRound | null;
  /** In 'waiting': the tick by which players must have joined. In 'between': when the next round opens. */
  nextPhaseTick: number;
  /** Sequence number of the last domain event emitted (event id = match id + sequence). */
  eventSeq: number;
}
