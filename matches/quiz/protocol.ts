/**
 * QuizVerse match protocol, shared with clients. Every message is `opCode` + a msgpack-encoded
 * payload (plain msgpack maps, no extensions). Client -> server op codes are below 10;
 * server -> client op codes are 10 and above. Documented in docs/protocol-quiz.md.
 * Compatibility: fields may be added to a message, never renamed or removed.
 * Every number in these messages is an integer (the JSON Schema files say so).
 */
/** QuizVerse's game id: the `game_id` of its RPCs and matchmaker tickets. */
export const GAME_ID = '126bf539-dae2-4bcf-964d-316c0fa1f92b';

export const OP = {
  /** Client -> server: answer the current question. Payload: AnswerMessage. */
  ANSWER: 1,
  /** Server -> all (or one player who rejoined mid-question): the question. Payload: QuestionMessage. */
  QUESTION: 10,
  /** Server -> one client: how their answer was judged. Payload: AnswerResultMessage. */
  ANSWER_RESULT: 11,
  /** Server -> all: the round is over. Payload: RoundResultMessage. */
  ROUND_RESULT: 12,
  /** Server -> all: the match is over. Payload: MatchResultMessage. */
  MATCH_RESULT: 13,
  /** Server -> all: a player connected, disconnected (grace running) or forfeited. Payload: PlayerStatusMessage. */
  PLAYER_STATUS: 14,
  /** Server -> one client, on every join or rejoin: where the match stands. Payload: MatchStateMessage. */
  MATCH_STATE: 15,
  /** Server -> one client: a message of theirs was refused; the match goes on. Payload: RejectedMessage. */
  REJECTED: 99,
} as const;

export interface AnswerMessage {
  /** The round being answered (QuestionMessage.round). Answers to another round are refused. */
  round: number;
  /** Index into QuestionMessage.choices. */
  choice: number;
}

export interface QuestionMessage {
  /** 1-based round number. */
  round: number;
  /** Rounds in this match. */
  rounds: number;
  /** Stable id of the question in the game's question bank. */
  questionId: string;
  /** The question's category, e.g. "science". */
  category: string;
  /** 1 easy, 2 medium, 3 hard. */
  difficulty: number;
  /** The question itself. */
  text: string;
  /** The answer choices in this match's (seeded) order. */
  choices: string[];
  /** Ticks a player has to answer this question, and the match's tick rate (ticks per second). */
  timeLimitTicks: number;
  tickRate: number;
  /** Ticks left to answer when this was sent: timeLimitTicks, less when re-sent after a rejoin. */
  ticksLeft: number;
}

export interface AnswerResultMessage {
  /** The round answered. */
  round: number;
  /** Whether the choice was the right one. */
  correct: boolean;
  /** Points this answer earned, bonuses included (0 when wrong). */
  points: number;
  /** The player's total score after this answer. */
  score: number;
  /** Part of `points` earned by answering fast. */
  speedBonus: number;
  /** Part of `points` earned by the streak of correct answers. */
  streakBonus: number;
  /** Correct answers in a row after this answer (0 after a wrong one). */
  streak: number;
}

export interface RoundResultMessage {
  /** The round that closed. */
  round: number;
  /** Index of the correct choice. */
  correctChoice: number;
  /** Who answered correctly first (wins the round), or null when nobody did. */
  fastest: string | null;
  /** Every player's total score, in matchmaker order. */
  scores: { userId: string; score: number }[];
}

export interface Standing {
  userId: string;
  username: string;
  /** 1 = first. Ties are broken by the rule in standings.ts (rank()); placements are always 1..n. */
  placement: number;
  /** Total points. */
  score: number;
  /** Correct answers in the match. */
  correctAnswers: number;
  /** Longest run of correct answers. */
  bestStreak: number;
  /** Left and did not come back in time (or never came): placed after everyone who stayed. */
  forfeited: boolean;
}

export interface MatchResultMessage {
  /** Placement 1's user id when anyone scored, else null. */
  winner: string | null;
  /** Every player, best first. */
  standings: Standing[];
}

export interface PlayerStatusMessage {
  userId: string;
  /** In the match right now. */
  connected: boolean;
  /** Out for good: placed last, may not rejoin. */
  forfeited: boolean;
  /** While disconnected: ticks left to rejoin before forfeiting; 0 otherwise. */
  graceTicksLeft: number;
}

export interface MatchStateMessage {
  /** Game mode, e.g. "duel" or "party". */
  mode: string;
  /** waiting (for players), question (one is open), between (rounds), ended. */
  phase: string;
  /** The current or last round (0 before the first). */
  round: number;
  /** Rounds in this match. */
  rounds: number;
  /** Ticks per second, and ticks per question. */
  tickRate: number;
  timeLimitTicks: number;
  /** Every player in matchmaker order. */
  players: { userId: string; username: string; score: number; connected: boolean; forfeited: boolean }[];
}

export interface RejectedMessage {
  /** The op code of the refused message. */
  opCode: number;
  /** What was wrong, e.g. "round: answer for round 2 but round 3 is open". */
  reason: string;
}

/**
 * The payload of every op code: one map for typed clients (client/) and the JSON Schema files
 * (schemas/messages/quizverse/), generated from it by `npm run build:client`.
 */
export interface Payloads {
  [OP.ANSWER]: AnswerMessage;
  [OP.QUESTION]: QuestionMessage;
  [OP.ANSWER_RESULT]: AnswerResultMessage;
  [OP.ROUND_RESULT]: RoundResultMessage;
  [OP.MATCH_RESULT]: MatchResultMessage;
  [OP.PLAYER_STATUS]: PlayerStatusMessage;
  [OP.MATCH_STATE]: MatchStateMessage;
  [OP.REJECTED]: RejectedMessage;
}
