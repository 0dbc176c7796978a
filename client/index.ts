/**
 * The typed client of the live-games module, on top of @heroiclabs/nakama-js: every RPC with its
 * payload and response types (generated from the server's declarations), and each game's op codes
 * and match messages with msgpack encoding. docs/client-quickstart.md shows a played duel.
 */
export { createRpcs, RpcError, type RpcOptions, type Rpcs } from './rpc';
export { decodeMessage, encodeMessage, matchChannel, type MatchChannel } from './match';
export * from './rpc-types';
export * as quizverse from './quizverse';
export * as lasttolive from './lasttolive';
