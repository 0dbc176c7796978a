/** LastToLive: game id, op codes, message types, snapshot reader (matches/br/protocol.ts, docs/protocol-br.md). */
import type { Socket } from '@heroiclabs/nakama-js';
import type { Payloads } from '../matches/br/protocol';
import { matchChannel, type MatchChannel } from './match';

export * from '../matches/br/protocol';

/** A LastToLive match on a socket, typed by op code. */
export const match = (socket: Socket, matchId: string): MatchChannel<Payloads> => matchChannel<Payloads>(socket, matchId);
