import { decodeMessage, encodeMessage } from '../../client';
import { OP, type MatchResultMessage, type QuestionMessage } from '../../matches/quiz/protocol';
import { QUESTIONS } from '../../matches/quiz/question-bank';

export const QUIZVERSE_ID = '126bf539-dae2-4bcf-964d-316c0fa1f92b';

/** A client's msgpack encoding of a message (the client package's: a fresh Uint8Array that owns its whole buffer). */
export const encode = (value: unknown): Uint8Array => encodeMessage(value);

export const decode = <T>(data: Uint8Array): T => decodeMessage<T>(data);

/** The choice a player picks: the right one, or a wrong one. Uses the bank, as a cheat-free bot can't. */
export function choose(question: QuestionMessage, correct: boolean): number {
  const answer = QUESTIONS.filter((q) => q.id === question.questionId)[0].choices[0];
  const right = question.choices.indexOf(answer);
  return correct ? right : (right + 1) % question.choices.length;
}

export interface Message { opCode: number; data: Uint8Array }

/** Questions in the order received. */
export function questions(messages: Message[]): QuestionMessage[] {
  return messages.filter((m) => m.opCode === OP.QUESTION).map((m) => decode<QuestionMessage>(m.data));
}

export function matchResult(messages: Message[]): MatchResultMessage | undefined {
  const m = messages.filter((x) => x.opCode === OP.MATCH_RESULT)[0];
  return m && decode<MatchResultMessage>(m.data);
}
