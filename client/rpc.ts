import type { Client, Session } from '@heroiclabs/nakama-js';
import { RPC_IDS, type RpcId, type RpcPayloads, type RpcResponses } from './rpc-types';

/**
 * A refused or failed RPC: Nakama's gRPC code (3 invalid argument, 5 not found, 7 permission
 * denied, 8 rate limited, 9 failed precondition, 14 unavailable, 16 unauthenticated), the HTTP
 * status, and the module's message, which starts with its error code ("INVALID_FIELD: game_id: required").
 */
export class RpcError extends Error {
  constructor(readonly rpcId: string, readonly code: number, readonly status: number, message: string) {
    super(message);
    this.name = 'RpcError';
  }

  /** The module's error code, e.g. 'INVALID_FIELD' ('' when the message has none). */
  get errorCode(): string {
    const found = /^([A-Z][A-Z_]*)(?::|$)/.exec(this.message);
    return found ? found[1] : '';
  }
}

/** Every RPC of the module as a typed function: `rpc.player_overview({ game_id })`. */
export type Rpcs = { [K in RpcId]: (payload: RpcPayloads[K]) => Promise<RpcResponses[K]> };

export interface RpcOptions {
  /** Called with every response before it is returned, e.g. to check it against client/schemas. */
  onResponse?: (id: RpcId, response: unknown) => void;
}

/** Nakama-js rejects a failed call with the fetch Response: its body is `{code, message}`. */
async function toRpcError(id: string, failure: unknown): Promise<unknown> {
  const response = failure as { status?: unknown; json?: () => Promise<{ code?: number; message?: string }> };
  if (typeof response.status !== 'number' || typeof response.json !== 'function') return failure;
  const body = await response.json().catch(() => ({}) as { code?: number; message?: string });
  return new RpcError(id, body.code ?? 0, response.status, body.message ?? `HTTP ${response.status}`);
}

/**
 * Typed RPC calls over a nakama-js client. `session` may be a function, so a refreshed session is
 * picked up on the next call.
 */
export function createRpcs(client: Client, session: Session | (() => Session), options: RpcOptions = {}): Rpcs {
  const current = typeof session === 'function' ? session : () => session;
  const call = async (id: RpcId, payload: object): Promise<unknown> => {
    let response: unknown;
    try {
      response = (await client.rpc(current(), id, payload)).payload ?? {};
    } catch (failure) {
      throw await toRpcError(id, failure);
    }
    if (options.onResponse) options.onResponse(id, response);
    return response;
  };
  const rpcs = {} as { [id: string]: (payload: object) => Promise<unknown> };
  for (const id of RPC_IDS) rpcs[id] = (payload) => call(id, payload);
  return rpcs as unknown as Rpcs;
}
