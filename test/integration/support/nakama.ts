import { Client, type Notification, type Session, type Socket } from '@heroiclabs/nakama-js';
import WebSocket from 'ws';
import { createRpcs, RpcError, type RpcId, type Rpcs } from '../../../client';
import { checkResponse } from '../../support/schemas';

// Node 20 has no global WebSocket; nakama-js's socket adapter needs one.
(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;

/** A Nakama to talk to: its host, API port, keys and console port. */
export interface Target { host: string; port: string; serverKey: string; httpKey: string; consolePort: string }

/** The private Nakama that `npm test` (tools/test.js) started for this run. */
export function server(): Target {
  const port = process.env.NAKAMA_PORT;
  if (!port) throw new Error('NAKAMA_PORT is not set: run integration tests with `npm test`, which starts a private Nakama');
  return {
    host: process.env.NAKAMA_HOST || '127.0.0.1',
    port,
    serverKey: process.env.NAKAMA_SERVER_KEY || 'defaultkey',
    httpKey: process.env.NAKAMA_HTTP_KEY || 'defaulthttpkey',
    consolePort: process.env.NAKAMA_CONSOLE_PORT || '',
  };
}

/** A received match message, payload still encoded. */
export interface Received { opCode: number; data: Uint8Array }

/** A connected test player: client, session, socket and everything the socket delivered. */
export interface Player {
  client: Client;
  session: Session;
  socket: Socket;
  /** Every RPC, typed (the client package); each response is checked against its JSON Schema. */
  rpc: Rpcs;
  userId: string;
  matchData: Received[];
  notifications: Notification[];
  /** Resolve when `check` returns a value, re-checking on every socket delivery. */
  until<T>(check: () => T | undefined, what: string, timeoutMs?: number): Promise<T>;
  /** Open a new socket for the same session (e.g. after the server restarted); deliveries go on being collected. */
  reconnect(): Promise<void>;
  close(): void;
}

let counter = 0;

/** The typed client's RPCs, each response checked against its generated JSON Schema (client/schemas). */
export const checkedRpcs = (client: Client, session: Session | (() => Session)): Rpcs => createRpcs(client, session, { onResponse: checkResponse });

/** Authenticate a fresh device and open its socket. */
export async function connectPlayer(label: string, target: Target = server()): Promise<Player> {
  const { host, port, serverKey } = target;
  const client = new Client(serverKey, host, port, false);
  counter += 1;
  const deviceId = `test-${label}-${process.pid}-${Date.now()}-${counter}`;
  const session = await client.authenticateDevice(deviceId, true, `${label}${process.pid}${counter}`.slice(0, 20));
  const matchData: Received[] = [];
  const notifications: Notification[] = [];
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  const open = async () => {
    const socket = client.createSocket(false, false);
    await socket.connect(session, true);
    socket.onmatchdata = (m) => { matchData.push({ opCode: m.op_code, data: m.data }); wake(); };
    socket.onnotification = (n) => { notifications.push(n); wake(); };
    return socket;
  };
  const player: Player = {
    client, session, socket: await open(), rpc: checkedRpcs(client, () => player.session), userId: session.user_id!, matchData, notifications,
    until(check, what, timeoutMs = 20000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
        const attempt = () => {
          const value = check();
          if (value !== undefined) { clearTimeout(timer); resolve(value); } else waiters.push(attempt);
        };
        attempt();
      });
    },
    async reconnect() {
      player.socket = await open();
    },
    close: () => player.socket.disconnect(false),
  };
  return player;
}

/** The `{code, message}` body of a failed nakama-js HTTP call. */
export async function rpcError(promise: Promise<unknown>): Promise<{ code: number; message: string; status: number }> {
  try {
    await promise;
  } catch (response) {
    if (response instanceof RpcError) return { code: response.code, message: response.message, status: response.status };
    const r = response as Response;
    const body = await r.json();
    return { ...body, status: r.status };
  }
  throw new Error('expected the call to fail');
}

/** Call an RPC of the module through the typed client (its response checked against the schema). */
export async function rpc<T>(player: Player, id: RpcId, payload: object): Promise<T> {
  return (await player.rpc[id](payload as never)) as T;
}

/** Call an RPC server-to-server (the http key: admin access): its HTTP status and parsed body, success or not. */
export async function serverCall(id: string, payload: object, target: Target = server()): Promise<{ status: number; body: any }> {
  const { host, port, httpKey } = target;
  const res = await fetch(`http://${host}:${port}/v2/rpc/${id}?http_key=${encodeURIComponent(httpKey)}&unwrap`, { method: 'POST', body: JSON.stringify(payload) });
  return { status: res.status, body: await res.json() };
}

/** Call an RPC server-to-server and return its JSON response; a failure throws with status and message. */
export async function serverRpc<T>(id: string, payload: object, target: Target = server()): Promise<T> {
  const { status, body } = await serverCall(id, payload, target);
  if (status < 200 || status >= 300) throw new Error(`${id}: ${status} ${body.message}`);
  checkResponse(id, body);
  return body as T;
}

/** A console (admin) API token for inspecting server state, e.g. wallet ledgers. */
export async function consoleToken(target: Target = server()): Promise<string> {
  const { host, consolePort } = target;
  if (!consolePort) throw new Error('NAKAMA_CONSOLE_PORT is not set');
  const res = await fetch(`http://${host}:${consolePort}/v2/console/authenticate`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'password' }),
  });
  if (!res.ok) throw new Error(`console login failed: ${res.status} ${await res.text()}`);
  return (await res.json()).token;
}

/** A user's wallet ledger, read through Nakama's console API. */
export async function walletLedger(userId: string, target: Target = server()): Promise<{ changeset: { [key: string]: number }; metadata: { [key: string]: unknown } }[]> {
  const { host, consolePort } = target;
  const token = await consoleToken(target);
  const res = await fetch(`http://${host}:${consolePort}/v2/console/account/${userId}/wallet?limit=100`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`ledger read failed: ${res.status} ${await res.text()}`);
  const body = await res.json();
  return (body.items || []).map((i: { changeset: string; metadata: string }) => ({ changeset: JSON.parse(i.changeset), metadata: JSON.parse(i.metadata) }));
}

/**
 * Write a storage object as an operator does, through Nakama's console API (no client hook runs):
 * how a document the module did not write can still reach it (a console edit, an older version).
 */
export async function consoleWriteStorage(token: string, o: { collection: string; key: string; userId: string; value: object; permissionRead?: number; permissionWrite?: number }): Promise<void> {
  const { host, consolePort } = server();
  const path = [o.collection, o.key, o.userId].map(encodeURIComponent).join('/');
  const res = await fetch(`http://${host}:${consolePort}/v2/console/storage/${path}`, {
    method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ value: JSON.stringify(o.value), permission_read: o.permissionRead ?? 1, permission_write: o.permissionWrite ?? 0 }),
  });
  if (!res.ok) throw new Error(`console storage write ${o.collection}/${o.key} failed: ${res.status} ${await res.text()}`);
}
