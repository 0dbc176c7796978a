import type { DomainEvent } from '../../core/events';
import type { MatchPlayer } from '../shared/match-params';
import { createRng, seedRng } from '../shared/rng';
import { createQuizBot, randomBotProfile, type BotProfile, type QuizBot } from './bots';
import { QUIZVERSE } from './game-quizverse';
import { OP } from './protocol';
import { QUIZ_RULES, type QuizInput } from './rules';
import type { QuizState } from './state';

/**
 * Plays a whole QuizVerse match with bots against QUIZ_RULES, doing what the Nakama adapter does
 * (canJoin, decode, rejections, routing messages to connected players, state through JSON between
 * calls) without Nakama. For property tests, replays and benchmarks.
 */

export interface BotMatchOptions {
  /** Seeds the match (question draw) and the bots. */
  seed: string;
  mode: string;
  /** Number of players (bots). */
  players: number;
  /** One profile for every bot, one per bot, or drawn per bot from the seed when absent. */
  profiles?: BotProfile | BotProfile[];
  /** Safety stop; a match that runs into it is a bug. Default 5000. */
  maxTicks?: number;
}

/** One tick's recorded inputs (the match record a replay folds over). */
export interface RecordedTick { tick: number; inputs: QuizInput[] }

/** A message the match sent: `to` as the rules addressed it (null = everyone), `reached` = the players connected then. */
export interface Delivered { tick: number; opCode: number; payload: unknown; to: string[] | null; reached: string[] }

export interface BotMatchRun {
  players: MatchPlayer[];
  /** State right after init, and at the end. */
  initial: QuizState;
  state: QuizState;
  events: DomainEvent[];
  delivered: Delivered[];
  /** Joins canJoin refused (the bot then gives up). */
  refused: { tick: number; userId: string; reason: string }[];
  /** Ticks with any input, in order. */
  record: RecordedTick[];
  /** Tick the match ended at (maxTicks if it did not). */
  endTick: number;
}

/** Play one match with bots. Deterministic: the same options give the same run. */
export function playBotMatch(options: BotMatchOptions): BotMatchRun {
  const { seed, mode, players: count, maxTicks = 5000 } = options;
  const players: MatchPlayer[] = [];
  for (let i = 0; i < count; i++) players.push({ userId: `bot-${i + 1}`, username: `Bot ${i + 1}` });
  const profileRng = createRng(seedRng(`${seed}/profiles`));
  const profileOf = (i: number) => (Array.isArray(options.profiles) ? options.profiles[i] : options.profiles || randomBotProfile(profileRng));
  const bots: QuizBot[] = players.map((p, i) => createQuizBot(p.userId, seed, profileOf(i)));

  let state = QUIZ_RULES.init({ game: QUIZVERSE, mode, players, seed }, `match-${seed}`, createRng(seedRng(seed)));
  const initial = state;
  const run: BotMatchRun = { players, initial, state, events: [], delivered: [], refused: [], record: [], endTick: maxTicks };
  const connected: { [userId: string]: boolean } = {};
  const deliver = (tick: number, opCode: number, payload: unknown, to: string[] | null) => {
    const reached = (to || players.map((p) => p.userId)).filter((id) => connected[id]);
    // Why JSON: what reaches a client went through msgpack; nobody may share rules' objects.
    const copy = JSON.parse(JSON.stringify(payload));
    run.delivered.push({ tick, opCode, payload: copy, to, reached });
    for (const bot of bots) if (reached.indexOf(bot.userId) >= 0) bot.receive(opCode, copy, tick);
  };

  for (let tick = 1; tick <= maxTicks; tick++) {
    const inputs: QuizInput[] = [];
    for (const bot of bots) {
      for (const action of bot.act(tick)) {
        if (action.kind === 'join') {
          const refusal = QUIZ_RULES.canJoin(state, bot.userId);
          if (refusal !== null) {
            run.refused.push({ tick, userId: bot.userId, reason: refusal });
            bot.refused(refusal);
          } else {
            connected[bot.userId] = true;
            inputs.push({ kind: 'join', userId: bot.userId });
          }
        } else if (action.kind === 'leave') {
          connected[bot.userId] = false;
          inputs.push({ kind: 'leave', userId: bot.userId });
        } else {
          const input = QUIZ_RULES.decode(bot.userId, action.opCode, action.payload);
          if (typeof input === 'string') deliver(tick, OP.REJECTED, { opCode: action.opCode, reason: input }, [bot.userId]);
          else inputs.push(input);
        }
      }
    }
    const out = QUIZ_RULES.step(state, inputs, tick, createRng(state.rng));
    if (inputs.length > 0) run.record.push({ tick, inputs });
    // Why JSON: Nakama passes match state through Go between calls.
    state = JSON.parse(JSON.stringify(out.state));
    run.events.push(...out.events);
    for (const m of out.messages) deliver(tick, m.opCode, m.payload, m.to);
    if (QUIZ_RULES.isOver(state)) {
      run.endTick = tick;
      break;
    }
  }
  run.state = state;
  return run;
}

/** Replay a recorded match: fold QUIZ_RULES.step over the record, every tick from 1 to endTick. */
export function replayBotMatch(initial: QuizState, record: RecordedTick[], endTick: number): QuizState {
  let state = initial;
  let next = 0;
  for (let tick = 1; tick <= endTick; tick++) {
    const inputs = next < record.length && record[next].tick === tick ? record[next++].inputs : [];
    state = QUIZ_RULES.step(state, inputs, tick, createRng(state.rng)).state;
  }
  return state;
}
