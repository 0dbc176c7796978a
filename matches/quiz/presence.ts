import { findPlayer, send, type QuizStepResult } from './output';
import { OP, type MatchStateMessage, type PlayerStatusMessage } from './protocol';
import { questionMessage } from './rounds';
import type { QuizPlayer, QuizState } from './state';

/**
 * Who may be in the match. Only listed (matched) players; nobody after the end; after round 1
 * opened, only players who had joined before it (a rejoin), and not once they forfeited.
 * canJoin cannot see the clock: a rejoin in the one tick between the grace deadline and the step
 * that records the forfeit is admitted by Nakama, but the rules ignore it (the player stays out).
 */
export function canJoin(state: QuizState, userId: string): string | null {
  if (state.phase === 'ended') return 'the match has ended';
  const player = findPlayer(state, userId);
  if (!player) return 'you are not a player of this match';
  if (state.phase !== 'waiting' && !player.joined) return 'the match has already started';
  if (player.forfeited) return 'you have forfeited this match';
  return null;
}

/** A player arrives: first join, or a rejoin within the grace period (which resends the open question). */
export function join(out: QuizStepResult, player: QuizPlayer, tick: number): void {
  const { state } = out;
  if (canJoin(state, player.userId) !== null) return;
  const rejoin = player.joined && !player.connected;
  const wasConnected = player.connected;
  player.connected = true;
  player.joined = true;
  player.graceUntilTick = -1;
  send(out, OP.MATCH_STATE, matchStateMessage(state), [player.userId]);
  if (wasConnected) return;
  sendStatus(out, player, tick);
  if (rejoin && state.phase === 'question' && player.answeredRound !== state.round!.number) {
    send(out, OP.QUESTION, questionMessage(state, tick), [player.userId]);
  }
}

/** A player's presence left: their grace period starts (a player who never joined has none to leave). */
export function leave(out: QuizStepResult, player: QuizPlayer, tick: number): void {
  if (out.state.phase === 'ended' || !player.connected) return;
  player.connected = false;
  player.graceUntilTick = tick + out.state.graceTicks;
  sendStatus(out, player, tick);
}

/** Players still away when their grace period runs out forfeit. Runs before a step's inputs. */
export function expireGraces(out: QuizStepResult, tick: number): void {
  for (const p of out.state.players) {
    if (!p.forfeited && !p.connected && p.graceUntilTick >= 0 && tick >= p.graceUntilTick) forfeit(out, p, tick);
  }
}

/** Out for good: placed after everyone still playing, answers refused, rejoining refused. */
export function forfeit(out: QuizStepResult, player: QuizPlayer, tick: number): void {
  player.forfeited = true;
  player.forfeitTick = tick;
  player.graceUntilTick = -1;
  player.streak = 0;
  sendStatus(out, player, tick);
}

function sendStatus(out: QuizStepResult, player: QuizPlayer, tick: number): void {
  const status: PlayerStatusMessage = {
    userId: player.userId, connected: player.connected, forfeited: player.forfeited,
    graceTicksLeft: player.graceUntilTick >= 0 ? player.graceUntilTick - tick : 0,
  };
  send(out, OP.PLAYER_STATUS, status, null);
}

/** Where the match stands, for a player who (re)joins. */
export function matchStateMessage(state: QuizState): MatchStateMessage {
  return {
    mode: state.mode, phase: state.phase, round: state.round ? state.round.number : 0, rounds: state.rounds,
    tickRate: state.tickRate, timeLimitTicks: state.timeLimitTicks,
    players: state.players.map((p) => ({ userId: p.userId, username: p.username, score: p.score, connected: p.connected, forfeited: p.forfeited })),
  };
}
