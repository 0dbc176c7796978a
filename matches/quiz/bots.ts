import { createRng, seedRng, type Rng } from '../shared/rng';
import { OP, type QuestionMessage } from './protocol';
import { QUESTIONS, type Question } from './question-bank';

/**
 * Seeded QuizVerse bots for tests and benchmarks (never part of a live match). Each bot has its
 * own generator (seeded from the run's seed and its user id), reacts to the server messages it
 * receives, and says what it does at each tick: join, leave, or send a client message. A bot may
 * answer right or wrong, late or never, send invalid messages, no-show, and disconnect and try to
 * rejoin (sometimes after its grace period ran out). bot-match.ts plays matches with them.
 */

export interface BotProfile {
  /** Chance to pick the right choice. */
  accuracy: number;
  /** Ticks between receiving a question and answering it, uniform in [min, max]. Past the time limit = a late answer. */
  minDelayTicks: number;
  maxDelayTicks: number;
  /** Chance per question to also send one invalid message (unknown op code, malformed payload, wrong round, double answer, bad choice). */
  invalidRate: number;
  /** Chance per question to disconnect during it. */
  disconnectRate: number;
  /** Ticks away before trying to rejoin, uniform in [min, max]; may be past the grace period. */
  minAwayTicks: number;
  maxAwayTicks: number;
  /** Chance to never join (a no-show). */
  noShowRate: number;
}

/** A bot answering well and quickly, never misbehaving. */
export const STEADY_BOT: BotProfile = {
  accuracy: 1, minDelayTicks: 1, maxDelayTicks: 5, invalidRate: 0, disconnectRate: 0, minAwayTicks: 0, maxAwayTicks: 0, noShowRate: 0,
};

/** A profile drawn from `rng`: every behaviour happens now and then across many matches. */
export function randomBotProfile(rng: Rng): BotProfile {
  const minDelayTicks = 1 + rng.int(10);
  const minAwayTicks = 1 + rng.int(60);
  return {
    accuracy: rng.next(),
    minDelayTicks,
    maxDelayTicks: minDelayTicks + rng.int(60),
    invalidRate: rng.next() * 0.3,
    disconnectRate: rng.next() < 0.5 ? 0 : rng.next() * 0.25,
    minAwayTicks,
    maxAwayTicks: minAwayTicks + rng.int(200),
    noShowRate: rng.next() < 0.8 ? 0 : 0.3,
  };
}

/** What a bot does at a tick. */
export type BotAction = { kind: 'join' } | { kind: 'leave' } | { kind: 'message'; opCode: number; payload: unknown };

export interface QuizBot {
  readonly userId: string;
  /** Whether the bot is in the match (as far as it knows). */
  readonly connected: boolean;
  /** Deliver a server message to the bot. */
  receive(opCode: number, payload: unknown, tick: number): void;
  /** The server refused the bot's join: it gives up for good. */
  refused(reason: string): void;
  /** The bot's actions at this tick, in order. */
  act(tick: number): BotAction[];
}

/** A bot playing as `userId`, seeded from `seed` and its user id. `bank` is used to find the right answer. */
export function createQuizBot(userId: string, seed: string, profile: BotProfile, bank: readonly Question[] = QUESTIONS): QuizBot {
  const rng = createRng(seedRng(`${seed}/bot/${userId}`));
  const between = (min: number, max: number) => min + rng.int(max - min + 1);
  /** Actions scheduled at a tick, in scheduling order. */
  let plan: { tick: number; action: BotAction }[] = [];
  let connected = false;
  let out = rng.next() < profile.noShowRate;
  const schedule = (tick: number, action: BotAction) => plan.push({ tick, action });
  if (!out) schedule(between(0, 3), { kind: 'join' });

  function onQuestion(q: QuestionMessage, tick: number): void {
    const right = q.choices.indexOf(bank.filter((b) => b.id === q.questionId)[0]?.choices[0]);
    const correct = rng.next() < profile.accuracy;
    const choice = correct ? right : (right + 1 + rng.int(q.choices.length - 1)) % q.choices.length;
    const at = tick + between(profile.minDelayTicks, profile.maxDelayTicks);
    schedule(at, { kind: 'message', opCode: OP.ANSWER, payload: { round: q.round, choice } });
    if (rng.next() < profile.invalidRate) schedule(tick + between(0, profile.maxDelayTicks + 2), invalidMessage(q, choice));
    if (rng.next() < profile.disconnectRate) {
      const leaveAt = tick + between(0, profile.maxDelayTicks + 2);
      schedule(leaveAt, { kind: 'leave' });
      schedule(leaveAt + between(profile.minAwayTicks, profile.maxAwayTicks), { kind: 'join' });
    }
  }

  function invalidMessage(q: QuestionMessage, choice: number): BotAction {
    const kinds: BotAction[] = [
      { kind: 'message', opCode: 7, payload: { round: q.round, choice } },
      { kind: 'message', opCode: OP.ANSWER, payload: 'junk' },
      { kind: 'message', opCode: OP.ANSWER, payload: { round: String(q.round), choice } },
      { kind: 'message', opCode: OP.ANSWER, payload: { round: q.round, choice: 1.5 } },
      { kind: 'message', opCode: OP.ANSWER, payload: { round: q.round + 1, choice } },
      { kind: 'message', opCode: OP.ANSWER, payload: { round: q.round, choice: q.choices.length } },
      { kind: 'message', opCode: OP.ANSWER, payload: { round: q.round, choice } }, // a double answer (or a first one)
    ];
    return kinds[rng.int(kinds.length)];
  }

  return {
    userId,
    get connected() {
      return connected;
    },
    receive(opCode, payload, tick) {
      if (opCode === OP.QUESTION) onQuestion(payload as QuestionMessage, tick);
      if (opCode === OP.MATCH_RESULT) out = true;
    },
    refused() {
      connected = false;
      out = true;
    },
    act(tick) {
      const due = plan.filter((p) => p.tick <= tick);
      plan = plan.filter((p) => p.tick > tick);
      const actions: BotAction[] = [];
      for (const { action } of due) {
        if (out) break;
        // A bot away from the match can only come back; one in it does not join twice.
        if (action.kind === 'join' ? connected : !connected) continue;
        if (action.kind === 'join') connected = true;
        if (action.kind === 'leave') connected = false;
        actions.push(action);
      }
      return actions;
    },
  };
}
