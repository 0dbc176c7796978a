import type { MatchData, Socket } from '@heroiclabs/nakama-js';
import { pack, unpack } from 'msgpackr';

/** A match message payload as msgpack (plain maps and arrays, no extensions), as the server reads it. */
export function encodeMessage(value: unknown): Uint8Array {
  return new Uint8Array(pack(value));
}

/** A match message payload from msgpack. */
export function decodeMessage<T = unknown>(data: Uint8Array): T {
  return unpack(data) as T;
}

/**
 * One match on a socket, typed by a game's `Payloads` map (op code -> message):
 * `match.send(OP.ANSWER, { round, choice })`, `match.onMessage(OP.QUESTION, (q) => ...)`.
 */
export interface MatchChannel<P> {
  readonly matchId: string;
  /** Encode and send a client message. */
  send<K extends keyof P & number>(opCode: K, payload: P[K]): Promise<void>;
  /** Call `handler` with every decoded message of this op code from this match; returns the unsubscribe. */
  onMessage<K extends keyof P & number>(opCode: K, handler: (payload: P[K], message: MatchData) => void): () => void;
  /** Stop listening: the socket's handler goes back to the one it had before. */
  close(): void;
}

/**
 * Listen to one match on a socket. It takes the socket's `onmatchdata` and passes every message on
 * to the handler that was there before, so other listeners (other matches, logs) keep working.
 */
export function matchChannel<P>(socket: Socket, matchId: string): MatchChannel<P> {
  const handlers = new Map<number, Set<(payload: never, message: MatchData) => void>>();
  const previous = socket.onmatchdata;
  const listener = (message: MatchData) => {
    if (previous) previous.call(socket, message);
    if (message.match_id !== matchId) return;
    const forOp = handlers.get(message.op_code);
    if (!forOp || !forOp.size) return;
    const payload = decodeMessage<never>(message.data);
    forOp.forEach((h) => h(payload, message));
  };
  socket.onmatchdata = listener;
  return {
    matchId,
    send: (opCode, payload) => socket.sendMatchState(matchId, opCode, encodeMessage(payload)),
    onMessage(opCode, handler) {
      if (!handlers.has(opCode)) handlers.set(opCode, new Set());
      const forOp = handlers.get(opCode)!;
      forOp.add(handler as (payload: never, message: MatchData) => void);
      return () => forOp.delete(handler as (payload: never, message: MatchData) => void);
    },
    close() {
      if (socket.onmatchdata === listener && previous) socket.onmatchdata = previous;
      handlers.clear();
    },
  };
}
