import { runtimeError } from '../../core/errors';
import type { GameRegistry } from '../../core/game-registry';
import type { PendingDelivery, PluginHost } from '../../core/plugin-host';
import { decodeMessage, encodeMessage } from '../shared/codec';
import { parseMatchParams } from '../shared/match-params';
import { createRng, seedRng } from '../shared/rng';
import { OP } from './protocol';
import { QUESTIONS } from './question-bank';
import { canJoin, createQuizState, step, type QuizInput, type QuizSettings } from './rules';
import type { QuizState } from './state';

/** What the Nakama adapter keeps: the rules' state plus who is connected (for targeted sends). */
export interface QuizMatchState {
  quiz: QuizState;
  /** Current presences of players in the match. */
  presences: nkruntime.Presence[];
  /** Event deliveries to plugins that failed and are retried on the next ticks (nothing is lost). */
  pending: PendingDelivery[];
}

export const QUIZ_SETTINGS: QuizSettings = { rounds: 5, tickRate: 5, timeLimitSeconds: 10, gapSeconds: 1, joinTimeoutSeconds: 15 };

type Handler = nkruntime.MatchHandler<QuizMatchState>;

/**
 * The thin Nakama adapter for QuizVerse matches: decodes and checks client messages at the
 * boundary, runs the pure rules, sends what they say, and hands their events to the plugin host.
 * Nothing here throws on client input: bad messages get an OP.REJECTED reply and the match goes on.
 */
export function createQuizMatch(deps: { games: GameRegistry; plugins: PluginHost }): Handler {
  /** Run one rules step and carry out its effects. Returns null when the match is over and every event is delivered. */
  function run(logger: nkruntime.Logger, nk: nkruntime.Nakama, dispatcher: nkruntime.MatchDispatcher, tick: number, state: QuizMatchState, inputs: QuizInput[]) {
    const rng = createRng(state.quiz.rng);
    const result = step(state.quiz, inputs, tick, rng, QUESTIONS);
    result.state.rng = rng.state();
    // Why plugins first: when a player hears of a result, its rewards and ratings are already stored.
    const pending = deps.plugins.deliver(nk, logger, result.events, state.pending);
    for (const message of result.messages) {
      const to = message.to ? state.presences.filter((p) => message.to!.indexOf(p.userId) >= 0) : null;
      if (to && to.length === 0) continue;
      dispatcher.broadcastMessage(message.opCode, encodeMessage(message.payload), to);
    }
    const over = result.state.phase === 'ended' && pending.length === 0;
    return over ? null : { state: { quiz: result.state, presences: state.presences, pending } };
  }

  return {
    matchInit(ctx, logger, nk, params) {
      const { game, mode, players, seed } = parseMatchParams(deps.games, params);
      if (game.matchModule !== 'quiz') throw runtimeError('UNKNOWN_GAME', `${game.name} is not played by the quiz match`);
      const rng = createRng(seedRng(seed));
      const quiz = createQuizState({ gameId: game.id, mode, matchId: ctx.matchId || '', seed, players }, QUIZ_SETTINGS, QUESTIONS, rng, 0);
      logger.info('quiz match %s created: game %s, mode %s, %d players, seed %s', quiz.matchId, game.slug, mode, players.length, seed);
      return { state: { quiz, presences: [], pending: [] }, tickRate: QUIZ_SETTINGS.tickRate, label: JSON.stringify({ game_id: game.id, mode }) };
    },

    matchJoinAttempt(ctx, logger, nk, dispatcher, tick, state, presence) {
      const refusal = canJoin(state.quiz, presence.userId);
      return { state, accept: refusal === null, rejectMessage: refusal || undefined };
    },

    matchJoin(ctx, logger, nk, dispatcher, tick, state, presences) {
      const others = state.presences.filter((p) => !presences.some((j) => j.userId === p.userId));
      const next = { ...state, presences: others.concat(presences) };
      return run(logger, nk, dispatcher, tick, next, presences.map((p) => ({ kind: 'join', userId: p.userId })));
    },

    matchLeave(ctx, logger, nk, dispatcher, tick, state, presences) {
      const next = { ...state, presences: state.presences.filter((p) => !presences.some((l) => l.sessionId === p.sessionId)) };
      return run(logger, nk, dispatcher, tick, next, presences.map((p) => ({ kind: 'leave', userId: p.userId })));
    },

    matchLoop(ctx, logger, nk, dispatcher, tick, state, messages) {
      const inputs: QuizInput[] = [];
      for (const message of messages) {
        const input = readInput(message);
        if (typeof input === 'string') {
          dispatcher.broadcastMessage(OP.REJECTED, encodeMessage({ opCode: message.opCode, reason: input }), [message.sender]);
        } else {
          inputs.push(input);
        }
      }
      return run(logger, nk, dispatcher, tick, state, inputs);
    },

    matchTerminate(ctx, logger, nk, dispatcher, tick, state) {
      return { state };
    },

    matchSignal(ctx, logger, nk, dispatcher, tick, state) {
      return { state, data: '' };
    },
  };
}

/** A client message as a rules input, or the reason it is refused. */
function readInput(message: nkruntime.MatchMessage): QuizInput | string {
  if (message.opCode !== OP.ANSWER) return `unknown op code ${message.opCode}`;
  let body: unknown;
  try {
    body = decodeMessage(message.data);
  } catch (e) {
    return 'payload is not valid msgpack';
  }
  if (typeof body !== 'object' || body === null) return 'payload must be a map {round, choice}';
  const { round, choice } = body as { round?: unknown; choice?: unknown };
  if (typeof round !== 'number' || !Number.isInteger(round)) return 'round: must be an integer';
  if (typeof choice !== 'number' || !Number.isInteger(choice)) return 'choice: must be an integer';
  return { kind: 'answer', userId: message.sender.userId, round, choice };
}
