import { cached, invalidate } from '../../core/cache';
import { collectionOf, defineDocument, documentAt, parseStored, readStored, writeOf, type Store } from '../../core/documents';
import { runtimeError } from '../../core/errors';
import type { GameDefinition, GameRegistry } from '../../core/game-registry';
import type { Plugin, RpcCall } from '../../core/plugin';
import { checked, dict, int, list, obj, oneOf, optional, str } from '../../core/shape';
import { SYSTEM_USER } from '../../core/scope';
import { updateDocument } from '../../core/storage';
import { isActive } from '../experiments/definitions';
import type { ExperimentsPlugin } from '../experiments/plugin';
import { changesOf, configProblems, mergeConfig, type Config, type ConfigChange, type Variants } from './config';

/** The game's config as stored: version 0 is the built-in default alone (nothing stored yet). */
export interface StoredConfig { version: number; default: Config; variants: Variants; updated_at: number; updated_by: string }
/** One version in the history: what it was, who made it when and why, and what it changed. */
export interface ConfigVersion extends StoredConfig { reason: string; changes: ConfigChange[]; more_changes: number; rolled_back_to?: number }

const GAME_ID = { type: 'uuid', required: true } as const;
const REASON = { type: 'string', maxLength: 256 } as const;
const MAX_VARIANT_EXPERIMENTS = 20;

const configShape = checked<Config>((v) => configProblems(v, 'config'));
const variantsShape = dict(dict(configShape, 10), MAX_VARIANT_EXPERIMENTS);
const storedFields = { version: int(1), default: configShape, variants: variantsShape, updated_at: int(0), updated_by: str(64) };
const CURRENT = defineDocument<StoredConfig>({ name: 'remote_config', owner: 'system', shape: obj(storedFields) });
const HISTORY = defineDocument<ConfigVersion>({
  name: 'remote_config_history',
  owner: 'system',
  shape: obj({
    ...storedFields, reason: str(256), more_changes: int(0), rolled_back_to: optional(int(0)),
    changes: list(obj({ path: str(1024), change: oneOf('added', 'removed', 'changed') }), 100),
  }),
});
const currentOf = (gameId: string) => documentAt(CURRENT, gameId, 'current');
/** History keys sort newest first (Nakama lists by key). */
const historyOf = (gameId: string, version: number) => documentAt(HISTORY, gameId, String(1e12 - version).padStart(12, '0'));

/**
 * Remote config per game (docs/live-ops-data.md): a built-in default shipped with the module, the
 * game default and cohort variants of experiments, set by admins with a version history and
 * rollback; players fetch the merged config through the node cache.
 */
export function createRemoteConfigPlugin(games: GameRegistry, builtIn: { [gameId: string]: Config }, experiments: ExperimentsPlugin): Plugin {
  const empty = (): StoredConfig => ({ version: 0, default: {}, variants: {}, updated_at: 0, updated_by: '' });
  /** The stored config through the node cache (an update on this node invalidates it; other nodes see it within the TTL). */
  const current = (store: Store, gameId: string): StoredConfig => cached(store.nk, 'remote_config', gameId, () => readStored(store, [currentOf(gameId)])[0].value || empty());

  function variantProblems(store: Store, game: GameDefinition, variants: unknown): string[] {
    if (typeof variants !== 'object' || variants === null || Array.isArray(variants)) return ['variants: {<experiment id>: {<cohort id>: config}}'];
    const defined = experiments.experiments(store, game.id);
    const ids = Object.keys(variants);
    if (ids.length > MAX_VARIANT_EXPERIMENTS) return [`variants: at most ${MAX_VARIANT_EXPERIMENTS} experiments`];
    const problems: string[] = [];
    for (const id of ids) {
      const e = defined.filter((x) => x.id === id)[0];
      const cohorts = (variants as Variants)[id];
      if (!e) { problems.push(`variants.${id}: ${game.name} has no experiment ${id}`); continue; }
      if (typeof cohorts !== 'object' || cohorts === null || Array.isArray(cohorts)) { problems.push(`variants.${id}: {<cohort id>: config}`); continue; }
      for (const c of Object.keys(cohorts)) {
        if (!e.cohorts.some((x) => x.id === c)) problems.push(`variants.${id}.${c}: ${id} has no cohort ${c} (${e.cohorts.map((x) => x.id).join(', ')})`);
        else problems.push(...configProblems(cohorts[c], `variants.${id}.${c}`));
      }
    }
    return problems;
  }

  /** Write the next version: current and its history entry in one storage write, version-checked (retried on conflicts by updateDocument). */
  function commit(call: RpcCall<any>, next: (stored: StoredConfig) => { default: Config; variants: Variants; rolled_back_to?: number }): ConfigVersion {
    const { nk, game, payload } = call;
    let entry = null as ConfigVersion | null; // "as": assigned in a closure, so not narrowed to null
    updateDocument(call, currentOf(game.id), (stored) => {
      const before = stored || empty();
      const expected = payload.expected_version;
      if (typeof expected === 'number' && expected !== before.version) throw runtimeError('FAILED_PRECONDITION', `expected_version: the config is at version ${before.version}, not ${expected}`);
      const made = next(before);
      const { changes, more } = changesOf(before, made);
      const value: StoredConfig = { version: before.version + 1, default: made.default, variants: made.variants, updated_at: Date.now(), updated_by: call.userId || 'http_key' };
      entry = { ...value, reason: (payload.reason as string) || '', changes, more_changes: more };
      if (made.rolled_back_to !== undefined) entry.rolled_back_to = made.rolled_back_to;
      return value;
    }, (value) => [writeOf(historyOf(game.id, value.version), entry!, '*')]);
    invalidate(nk, 'remote_config', game.id);
    return entry!;
  }

  function update(call: RpcCall<any>) {
    const { payload, game } = call;
    if (payload.default === undefined && payload.variants === undefined) throw runtimeError('INVALID_FIELD', 'default, variants: give at least one');
    const problems = [
      ...(payload.default !== undefined ? configProblems(payload.default, 'default') : []),
      ...(payload.variants !== undefined ? variantProblems(call, game, payload.variants) : []),
    ];
    if (problems.length > 0) throw runtimeError('INVALID_FIELD', problems.slice(0, 5).join('; '));
    return { version: commit(call, (before) => ({ default: payload.default !== undefined ? payload.default : before.default, variants: payload.variants !== undefined ? payload.variants : before.variants })) };
  }

  function rollback(call: RpcCall<any>) {
    const target = call.payload.version as number;
    const [found] = readStored(call, [historyOf(call.game.id, target)]);
    if (!found.value) throw runtimeError('NOT_FOUND', `version: ${call.game.name} has no config version ${target}`);
    const old = found.value;
    return { version: commit(call, () => ({ default: old.default, variants: old.variants, rolled_back_to: target })) };
  }

  function history(call: RpcCall<any>) {
    const { nk, game, payload } = call;
    let page: nkruntime.StorageObjectList;
    try {
      page = nk.storageList(SYSTEM_USER, collectionOf(HISTORY, game.id), (payload.limit as number) || 20, (payload.cursor as string) || '');
    } catch (error) {
      if (payload.cursor) throw runtimeError('INVALID_FIELD', 'cursor: not a cursor this call returned');
      throw error;
    }
    const versions = (page.objects || []).map((o) => parseStored(call, HISTORY, o)).filter((v): v is ConfigVersion => v !== null);
    return { versions, cursor: page.cursor || null };
  }

  /** The merged config for the caller: built-in default <- game default <- the variants of the running experiments they are in (by experiment id). */
  function fetch(call: RpcCall<any>) {
    const { game, userId } = call;
    const now = Date.now();
    const stored = current(call, game.id);
    let config = mergeConfig(builtIn[game.id] || {}, stored.default);
    const cohorts: { [experimentId: string]: string } = {};
    const ids = Object.keys(stored.variants).sort();
    if (userId && ids.length > 0) {
      const running = experiments.experiments(call, game.id).filter((e) => ids.indexOf(e.id) >= 0 && isActive(e, now));
      for (const e of running.sort((a, b) => (a.id < b.id ? -1 : 1))) {
        const a = experiments.assign(call, game, e, userId, now);
        const variant = a.cohort !== null ? stored.variants[e.id][a.cohort] : undefined;
        if (a.cohort !== null) cohorts[e.id] = a.cohort;
        if (variant) config = mergeConfig(config, variant);
      }
    }
    return { version: stored.version, config, cohorts };
  }

  return {
    id: 'remote_config',
    games: games.games.map((g) => g.id),
    dependsOn: ['experiments'],
    documents: [CURRENT, HISTORY],
    validate: () => Object.keys(builtIn).reduce((p: string[], id) => p.concat(games.find(id) ? configProblems(builtIn[id], `built-in remote config of ${id}`) : [`built-in remote config: no game ${id}`]), []),
    rpcs: [
      {
        id: 'remote_config_fetch',
        access: 'any',
        effect: 'read',
        description: "The game's config for the caller, merged: the built-in default, then the game default, then the variants of the running experiments the caller is in (in experiment id order; fetching counts as exposure). Served from the node cache. Server-to-server calls get the game default.",
        response: '{version, config: {...}, cohorts: {<experiment_id>: <cohort_id>}}',
        payload: { game_id: GAME_ID },
        handle: fetch,
      },
      {
        id: 'remote_config_update',
        access: 'admin',
        effect: 'write',
        rateLimit: 'strict',
        description: 'Set the game default and/or the cohort variants ({<experiment id>: {<cohort id>: config}}); what is given replaces what was stored. Makes a new version in the history with who, when, why and the changed paths. expected_version refuses the write when someone changed the config since.',
        response: '{version: {version, default, variants, updated_at, updated_by, reason, changes: [{path, change}], more_changes}}',
        payload: { game_id: GAME_ID, default: { type: 'object', freeForm: true }, variants: { type: 'object', freeForm: true }, expected_version: { type: 'integer', min: 0 }, reason: REASON },
        errors: { INVALID_FIELD: 'a config or variant breaks a rule (each problem named)', FAILED_PRECONDITION: 'expected_version is not the current version' },
        handle: update,
      },
      {
        id: 'remote_config_history',
        access: 'admin',
        effect: 'read',
        description: "The game's config versions, newest first, each whole with who, when, why and what it changed.",
        response: '{versions: [{version, default, variants, updated_at, updated_by, reason, changes, more_changes, rolled_back_to?}], cursor}',
        payload: { game_id: GAME_ID, limit: { type: 'integer', min: 1, max: 100 }, cursor: { type: 'string', maxLength: 1024 } },
        handle: history,
      },
      {
        id: 'remote_config_rollback',
        access: 'admin',
        effect: 'write',
        rateLimit: 'strict',
        description: 'Make an earlier version current again, as a new version (history is never rewritten).',
        response: '{version: {...as remote_config_update, rolled_back_to}}',
        payload: { game_id: GAME_ID, version: { type: 'integer', required: true, min: 1 }, expected_version: { type: 'integer', min: 0 }, reason: REASON },
        errors: { NOT_FOUND: 'no such version', FAILED_PRECONDITION: 'expected_version is not the current version' },
        handle: rollback,
      },
    ],
  };
}
