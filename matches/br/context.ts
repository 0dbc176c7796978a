import { eventId, type DomainEvent } from '../../core/events';
import type { StepResult } from '../shared/game-rules';
import type { Grid } from './grid';
import { OP } from './protocol';
import type { BrSettings } from './settings';
import type { BrState } from './state';

/** Everything one step works with: the state it mutates, what it produces, and the derived grid. */
export interface StepContext {
  state: BrState;
  settings: BrSettings;
  tick: number;
  /** Living players bucketed by cell; kept in step with positions and eliminations. */
  grid: Grid;
  out: StepResult<BrState>;
}

/** Append a domain event with the next sequence number. */
export function emit(ctx: StepContext, type: string, userId: string, data: DomainEvent['data']): void {
  const { state } = ctx;
  state.eventSeq += 1;
  ctx.out.events.push({ id: eventId(state.matchId, state.eventSeq), type, gameId: state.gameId, matchId: state.matchId, userId, tick: ctx.tick, data });
}

/** Queue a message; `to` null = everyone. */
export function send(ctx: StepContext, opCode: number, payload: unknown, to: string[] | null, reliable = true): void {
  if (reliable) ctx.out.messages.push({ opCode, payload, to });
  else ctx.out.messages.push({ opCode, payload, to, reliable: false });
}

/** Refuse one input: the sender gets OP.REJECTED naming the op code and the reason. */
export function reject(ctx: StepContext, userId: string, opCode: number, reason: string): void {
  send(ctx, OP.REJECTED, { opCode, reason }, [userId]);
}

/** Slot of a user id, or -1. Linear: at most 100 players, and called once per input. */
export function slotOf(state: BrState, userId: string): number {
  const players = state.players;
  for (let i = 0; i < players.length; i++) if (players[i].userId === userId) return i;
  return -1;
}
