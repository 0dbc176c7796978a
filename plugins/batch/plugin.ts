import { keysProblem, valueProblem } from '../../core/api-guards';
import { defineDocument, documentAt, PLAYER_KEY, readStored, writeOf, type DocumentKind } from '../../core/documents';
import { isInsufficientFunds } from '../../core/economy';
import { runtimeError } from '../../core/errors';
import type { GameDefinition, GameRegistry } from '../../core/game-registry';
import type { Plugin } from '../../core/plugin';
import { requirePlayers, type RpcDispatcher } from '../../core/rpc';
import { walletKey } from '../../core/scope';
import { anyObject } from '../../core/shape';
import { isVersionConflict } from '../../core/storage';
import { playerIdProblem } from '../../core/validate';
import { DESCENDING, OPERATOR } from '../../core/nakama-enums';

const GAME_ID = { type: 'uuid', required: true } as const;
const FEATURE = /^[a-z][a-z0-9_]{0,31}$/;
const MAX_CALLS = 20;

/**
 * `<game_id>:player_data` / any key: the one storage players write themselves (settings, loadouts:
 * data only the player decides), here or through Nakama's storage API; everything else is the server's.
 */
export const PLAYER_DATA = defineDocument<{ [key: string]: unknown }>({
  name: 'player_data',
  owner: 'player',
  shape: anyObject,
  playerWrites: { maxBytes: 16 * 1024, maxKeys: 64 },
});

/** A call inside batch_execute. */
interface InnerCall { rpc_id: string; payload?: unknown }

const fail = (index: number, what: string) => runtimeError('INVALID_FIELD', `${what.replace('#', `[${index}]`)}`);
const isObject = (v: unknown): v is { [key: string]: unknown } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Players' ids named in a batch must all exist (NOT_FOUND names the first that does not). */
function requireUsers(nk: nkruntime.Nakama, ids: string[]): void {
  const bad = ids.filter((id) => playerIdProblem(id) !== null)[0];
  if (bad !== undefined) throw runtimeError('INVALID_FIELD', `user_id: ${bad} is not a player's id`);
  requirePlayers(nk, ids);
}

/**
 * Batch RPCs: several calls of the module in one request, and multi-object writes in one transaction.
 * `dispatch` is the module's RPC dispatcher (read lazily: the module is built after its plugins), so
 * every inner call of batch_execute passes exactly the checks it would pass alone.
 */
export function createBatchPlugin(games: GameRegistry, dispatch: () => RpcDispatcher, documents: () => DocumentKind<unknown>[]): Plugin {
  /** The kinds a player reads their own documents of, by collection name. */
  const playerKind = (collection: string) => documents().filter((k) => k.owner === 'player' && !k.global && (k.collection || k.name) === collection)[0];
  return {
    id: 'batch',
    games: games.games.map((g) => g.id),
    documents: [PLAYER_DATA],
    rpcs: [
      {
        id: 'batch_execute',
        scope: 'global',
        access: 'player',
        effect: 'write',
        description: `Run up to ${MAX_CALLS} RPCs of the module in one request, in order; each gets the validation, rate limit and authorisation it gets alone, and its own result or error. With atomic: true the batch runs only if every call would be admitted (checked first, nothing counted) and holds at most one write, so it applies entirely or not at all; multi-object writes in one transaction are batch_write_storage and batch_wallet_operations.`,
        response: '{results: [{rpc_id, ok: true, result} | {rpc_id, ok: false, error: {code, message}}]}',
        payload: { calls: { type: 'array', required: true, maxItems: MAX_CALLS }, atomic: { type: 'boolean' } },
        errors: { INVALID_FIELD: 'a call is not {rpc_id, payload} or is a batch itself', FAILED_PRECONDITION: 'atomic: more than one write, or a call would be refused (named with its index)' },
        handle({ ctx, logger, nk, payload }) {
          const calls = payload.calls as InnerCall[];
          const rpc = dispatch();
          const texts = calls.map((c, i) => {
            if (!isObject(c) || typeof c.rpc_id !== 'string') throw fail(i, 'calls#: must be {rpc_id, payload}');
            if (c.rpc_id.indexOf('batch_') === 0) throw fail(i, 'calls#.rpc_id: batches do not nest');
            if (c.payload !== undefined && !isObject(c.payload)) throw fail(i, 'calls#.payload: must be a JSON object');
            return JSON.stringify(c.payload || {});
          });
          if (payload.atomic) {
            const writes = calls.filter((c) => effectOf(c.rpc_id) === 'write').length;
            if (writes > 1) throw runtimeError('FAILED_PRECONDITION', `an atomic batch holds at most one write (it has ${writes}); use batch_write_storage or batch_wallet_operations for one transaction`);
            calls.forEach((c, i) => {
              try {
                rpc.admit(c.rpc_id, ctx, nk, texts[i]);
              } catch (error) {
                const e = error as { message?: string; code?: number };
                throw { ...runtimeError('FAILED_PRECONDITION', `atomic batch refused: calls[${i}] (${c.rpc_id}): ${e.message}`) };
              }
            });
          }
          const results = calls.map((c, i) => {
            try {
              return { rpc_id: c.rpc_id, ok: true as const, result: JSON.parse(rpc(c.rpc_id, ctx, logger, nk, texts[i])) };
            } catch (error) {
              const e = error as { message?: string; code?: number };
              if (payload.atomic) throw error; // admitted calls failing in their handler: the one write did not happen
              return { rpc_id: c.rpc_id, ok: false as const, error: { code: e.code, message: e.message } };
            }
          });
          return { results };
        },
      },
      {
        id: 'batch_read_storage',
        access: 'player',
        effect: 'read',
        description: "Read up to 50 of the caller's own storage objects of this game in one call: each read names a feature (e.g. achievements, season_pass, player_data) and a key; objects that do not exist (or are damaged beyond repair) are left out, the others are served repaired to their shape, without the server's bookkeeping (`processed`).",
        response: '{objects: [{collection: feature, key, value, version}]}',
        payload: { game_id: GAME_ID, reads: { type: 'array', required: true, maxItems: 50 } },
        errors: { INVALID_FIELD: 'a read names no feature of player documents, or no valid key (with its index)' },
        handle(call) {
          const { game, userId, payload } = call;
          const reads = (payload.reads as unknown[]).map((r, i) => {
            const read = isObject(r) ? r : {};
            const kind = typeof read.collection === 'string' && FEATURE.test(read.collection) ? playerKind(read.collection) : undefined;
            if (!kind) throw fail(i, 'reads#.collection: a feature of player documents (e.g. achievements, player_data)');
            if (typeof read.key !== 'string' || !PLAYER_KEY.test(read.key)) throw fail(i, `reads#.key: must match ${PLAYER_KEY}`);
            return { feature: read.collection as string, target: documentAt(kind, game.id, read.key, userId) };
          });
          const stored = readStored(call, reads.map((r) => r.target));
          const objects = reads.map((r, i) => ({ collection: r.feature, key: r.target.key, value: withoutBookkeeping(stored[i].value as { [key: string]: unknown } | null), version: stored[i].version }));
          return { objects: objects.filter((o) => o.value !== null) };
        },
      },
      {
        id: 'batch_write_storage',
        access: 'player',
        effect: 'write',
        description: `Write up to 20 of the caller's own ${PLAYER_DATA.name} objects of this game (settings, loadouts: data only the player decides) in one transaction: all are written or none (a version mismatch fails the whole batch). Each value is at most ${PLAYER_DATA.playerWrites!.maxBytes} bytes of JSON, and a player keeps at most ${PLAYER_DATA.playerWrites!.maxKeys} objects per game. Everything else in storage belongs to the server.`,
        response: '{acks: [{key, version}]}',
        payload: { game_id: GAME_ID, writes: { type: 'array', required: true, maxItems: 20 } },
        errors: { INVALID_FIELD: 'a write is not player_data, or its key or value is invalid (with its index)', FAILED_PRECONDITION: 'a version did not match, or the player would hold too many objects: nothing was written' },
        handle({ nk, game, userId, payload }) {
          const writes = (payload.writes as unknown[]).map((w, i): nkruntime.StorageWriteRequest => {
            if (!isObject(w)) throw fail(i, 'writes#: must be {key, value, version?}');
            if (w.collection !== undefined && w.collection !== PLAYER_DATA.name) throw fail(i, `writes#.collection: players write ${PLAYER_DATA.name} only`);
            if (typeof w.key !== 'string' || !PLAYER_KEY.test(w.key)) throw fail(i, `writes#.key: must match ${PLAYER_KEY}`);
            if (!isObject(w.value)) throw fail(i, 'writes#.value: must be a JSON object');
            const tooLarge = valueProblem(PLAYER_DATA, JSON.stringify(w.value));
            if (tooLarge) throw fail(i, `writes#.${tooLarge}`);
            if (w.version !== undefined && typeof w.version !== 'string') throw fail(i, "writes#.version: a version string, or '*' for create-only");
            return writeOf(documentAt(PLAYER_DATA, game.id, w.key, userId), w.value, w.version as string | undefined);
          });
          const tooMany = keysProblem(nk, PLAYER_DATA, game, userId, writes.map((w) => w.key));
          if (tooMany) throw tooMany;
          try {
            return { acks: nk.storageWrite(writes).map((a) => ({ key: a.key, version: a.version })) };
          } catch (error) {
            if (isVersionConflict(error)) throw runtimeError('FAILED_PRECONDITION', 'a version did not match: nothing was written');
            throw error;
          }
        },
      },
      {
        id: 'batch_wallet_operations',
        access: 'admin',
        effect: 'write',
        description: "Credit or debit players' currencies of this game in one transaction (up to 100 operations): all apply or none (a balance that would go negative fails the batch). Each operation is written to the wallet ledger with its reason.",
        response: '{applied: n}',
        payload: { game_id: GAME_ID, operations: { type: 'array', required: true, maxItems: 100 } },
        errors: { INVALID_FIELD: 'an operation is invalid (with its index)', NOT_FOUND: 'a user_id names no player', FAILED_PRECONDITION: 'a balance would go negative: nothing was applied' },
        handle({ nk, game, payload }) {
          const batchId = nk.uuidv4();
          const updates = (payload.operations as unknown[]).map((o, i) => walletOperation(game, o, i, batchId));
          requireUsers(nk, updates.map((u) => u.userId));
          try {
            nk.multiUpdate(null, null, null, updates, true);
          } catch (error) {
            if (isInsufficientFunds(error)) throw runtimeError('FAILED_PRECONDITION', 'a balance would go negative: nothing was applied');
            throw error;
          }
          return { applied: updates.length };
        },
      },
      {
        id: 'batch_leaderboard_submissions',
        access: 'admin',
        effect: 'write',
        description: "Submit up to 100 scores to one of this game's leaderboards (id `<game_id>:<name>`, created on first use: best score, descending). Nakama writes leaderboard records one by one, so this is not one transaction; a failed record is reported and the rest are written.",
        response: '{leaderboard_id, written: n, failed: [{index, message}]}',
        payload: { game_id: GAME_ID, leaderboard: { type: 'string', required: true, maxLength: 64, pattern: FEATURE }, records: { type: 'array', required: true, maxItems: 100 } },
        errors: { INVALID_FIELD: 'a record is invalid (with its index)', NOT_FOUND: 'a user_id names no player' },
        handle({ nk, game, payload }) {
          const id = `${game.id}:${payload.leaderboard}`;
          const records = (payload.records as unknown[]).map((r, i) => {
            if (!isObject(r) || typeof r.user_id !== 'string') throw fail(i, 'records#: must be {user_id, score, subscore?}');
            if (!Number.isInteger(r.score) || (r.score as number) < 0) throw fail(i, 'records#.score: an integer >= 0');
            if (r.subscore !== undefined && !(Number.isInteger(r.subscore) && (r.subscore as number) >= 0)) throw fail(i, 'records#.subscore: an integer >= 0');
            return { userId: r.user_id, score: r.score as number, subscore: (r.subscore as number) || 0 };
          });
          requireUsers(nk, records.map((r) => r.userId));
          nk.leaderboardCreate(id, true, DESCENDING, OPERATOR.best, null, { game_id: game.id }, true);
          const failed: { index: number; message: string }[] = [];
          records.forEach((r, index) => {
            try {
              nk.leaderboardRecordWrite(id, r.userId, undefined, r.score, r.subscore);
            } catch (error) {
              failed.push({ index, message: String((error as { message?: string }).message || error) });
            }
          });
          return { leaderboard_id: id, written: records.length - failed.length, failed };
        },
      },
    ],
  };

  function effectOf(rpcId: string) {
    return dispatch().effectOf(rpcId);
  }
}

/** A document as its player sees it: without the server's record of the events it absorbed (core/apply-once.ts). */
function withoutBookkeeping(value: { [key: string]: unknown } | null): { [key: string]: unknown } | null {
  if (!value || !('processed' in value)) return value;
  const { processed, ...rest } = value;
  return rest;
}

/** One wallet operation of a batch: currencies of the game, whole numbers, a reason for the ledger. */
function walletOperation(game: GameDefinition, o: unknown, i: number, batchId: string): nkruntime.WalletUpdate {
  if (!isObject(o) || typeof o.user_id !== 'string') throw fail(i, 'operations#: must be {user_id, currencies, reason}');
  if (!isObject(o.currencies) || Object.keys(o.currencies).length === 0) throw fail(i, 'operations#.currencies: {<currency>: integer}');
  if (typeof o.reason !== 'string' || !FEATURE.test(o.reason)) throw fail(i, 'operations#.reason: snake_case, for the ledger');
  const changeset: nkruntime.Wallet = {};
  for (const c of Object.keys(o.currencies)) {
    const amount = o.currencies[c];
    if (game.currencies.indexOf(c) < 0) throw fail(i, `operations#.currencies.${c}: not a currency of ${game.name}`);
    if (!Number.isInteger(amount) || amount === 0) throw fail(i, `operations#.currencies.${c}: a non-zero integer`);
    changeset[walletKey(game.id, c)] = amount as number;
  }
  return { userId: o.user_id, changeset, metadata: { game_id: game.id, reason: `admin:${o.reason}`, source_id: `${batchId}/${i}` } };
}
