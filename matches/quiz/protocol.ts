/**
 * QuizVerse match protocol, shared with clients. Every message is `opCode` + a msgpack-encoded
 * payload (plain msgpack maps, no extensions). Client -> server op codes are below 10;
 * server -> client op codes are 10 and above. Documented in docs/protocol-quiz.md.
 */
export const OP = {
  /** Client -> server: answer the current question. Payload: AnswerMessage. */
  ANSWER: 1,
  /** Server -> client: the next question. Payload: QuestionMessage. */
  QUESTION: 10,
  /** Server -> one client: how their answer was judged. Payload: AnswerResultMessage. */
  ANSWER_RESULT: 11,
  /** Server -> all: the round is over. Payload: RoundResultMessage. */
  ROUND_RESULT: 12,
  /** Server -> all: the match is over. Payload: MatchResultMessage. */
  MATCH_RESULT: 13,
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
  category: string;
  text: string;
  /** The answer choices in this match's (seeded) order. */
  choices: string[];
  /** Ticks the player has to answer, and the match's tick rate (ticks per second). */
  timeLimitTicks: number;
  tickRate: number;
}

export interface AnswerResultMessage {
  round: number;
  correct: boolean;
  /** Points this answer earned (0 when wrong). */
  points: number;
  /** The player's total score after this answer. */
  score: number;
}

export interface RoundResultMessage {
  round: number;
  /** Index of the correct choice. */
  correctChoice: number;
  scores: { userId: string; score: number }[];
}

export interface Standing {
  userId: string;
  username: string;
  /** 1 = winner. Ties are broken by the rule in rules.ts (rank()). */
  placement: number;
  score: number;
  correctAnswers: number;
}

export interface MatchResultMessage {
  /** Winner's user id (placement 1), or null when nobody played. */
  winner: string | null;
  standings: Standing[];
}

export interface RejectedMessage {
  /** The op code of the refused message. */
  opCode: number;
  /** What was wrong, e.g. "round: answer for round 2 but round 3 is open". */
  reason: string;
}
