import { definitionList } from '../../core/definition-list';
import { defineDocument, documentAt, readDocument, readStored, type Store } from '../../core/documents';
import { runtimeError } from '../../core/errors';
import type { GameDefinition, GameRegistry } from '../../core/game-registry';
import type { Plugin, RpcCall } from '../../core/plugin';
import { dict, int, obj, snakeId, withDefault } from '../../core/shape';
import { updateDocument } from '../../core/storage';
import { cohortOf, isTargeted } from './assignment';
import { isActive, normaliseExperiment, storedExperimentProblems, validateExperiment, type Experiment } from './definitions';

const GAME_ID = { type: 'uuid', required: true } as const;
const EXPERIMENT_ID = { type: 'string', required: true, maxLength: 48, pattern: /^[a-z][a-z0-9_]*$/ } as const;
/** Ended experiments stay (reports) this long, then leave the list when experiments are created. */
const RETENTION_MS = 180 * 24 * 3600 * 1000;
/** Experiments a player can have been exposed to per game at once (ended ones are dropped first). */
const MAX_EXPOSURES = 200;

/** A player's exposures in a game: experiment id -> the cohort they were shown and when (ms). */
export interface Exposures { experiments: { [experimentId: string]: { cohort: string; exposed_at: number } } }

const EXPOSURES = defineDocument<Exposures>({
  name: 'experiment_exposures',
  owner: 'player',
  shape: obj({ experiments: withDefault(dict(obj({ cohort: snakeId(32), exposed_at: int(0) }), MAX_EXPOSURES), () => ({})) }),
  empty: () => ({ experiments: {} }),
});
const exposuresOf = (gameId: string, userId: string) => documentAt(EXPOSURES, gameId, 'exposures', userId);

/** Records a first exposure elsewhere (analytics) before the player's document does; must be idempotent. */
export type ExposureRecorder = (store: Store, gameId: string, experimentId: string, cohort: string, userId: string, now: number) => void;

/** Why a player has no cohort in an experiment, or their cohort. */
export type Assignment =
  | { experiment_id: string; cohort: string; exposed_at: number }
  | { experiment_id: string; cohort: null; reason: 'not_running' | 'not_targeted' };

export interface ExperimentsPlugin extends Plugin {
  /** The game's experiments (running, upcoming and recently ended), through the node cache. */
  experiments(store: Store, gameId: string): Experiment[];
  /** The player's cohort in `e`, recorded as an exposure on the first call while it runs. */
  assign(store: Store, game: GameDefinition, e: Experiment, userId: string, now: number): Assignment;
  /** The running experiments a player has been exposed to, and their cohorts (what analytics stamps on events). */
  exposedCohorts(store: Store, gameId: string, userIds: string[], now: number): { [userId: string]: { [experimentId: string]: string } };
}

/**
 * A/B experiments per game (docs/live-ops-data.md): admins create them with weighted cohorts, an
 * active window and an optional targeting filter; a player's cohort is a pure function of (experiment,
 * player) (assignment.ts), recorded once, on the player's first exposure (experiment_get_assignment).
 */
export function createExperimentsPlugin(games: GameRegistry, onExposure: ExposureRecorder): ExperimentsPlugin {
  const definitions = definitionList<Experiment>({ name: 'experiment_definitions', collection: 'experiments', key: 'definitions', cache: 'experiment_definitions' }, games, storedExperimentProblems);

  function find(store: Store, game: GameDefinition, id: string): Experiment {
    const e = definitions.read(store, game.id).filter((x) => x.id === id)[0];
    if (!e) throw runtimeError('NOT_FOUND', `${game.name} has no experiment ${id}`);
    return e;
  }

  function create(call: RpcCall<any>) {
    const now = Date.now();
    let created = null as Experiment | null; // "as": assigned in a closure, so not narrowed to null
    definitions.update(call, call.game.id, (current) => {
      const kept = current.filter((e) => endOf(e) === 0 || endOf(e) > now - RETENTION_MS);
      const problems = validateExperiment(call.payload.experiment, call.game, kept.map((e) => e.id), now);
      if (problems.length > 0) throw runtimeError('INVALID_FIELD', problems.slice(0, 5).join('; '));
      created = normaliseExperiment(call.payload.experiment, now);
      return kept.concat(created);
    });
    return { experiment: created };
  }

  function end(call: RpcCall<any>) {
    const now = Date.now();
    const id = call.payload.experiment_id as string;
    const list = definitions.update(call, call.game.id, (current) => {
      const e = current.filter((x) => x.id === id)[0];
      if (!e) throw runtimeError('NOT_FOUND', `${call.game.name} has no experiment ${id}`);
      if (e.ended_at > 0 || (e.ends_at > 0 && e.ends_at <= now)) throw runtimeError('FAILED_PRECONDITION', `${id} has ended already`);
      return current.map((x) => (x.id === id ? { ...x, ended_at: now } : x));
    });
    return { experiment: list.filter((x) => x.id === id)[0] };
  }

  /** The player's cohort in `e`; the first call while it runs records the exposure (once, even under parallel calls). */
  function assign(store: Store, game: GameDefinition, e: Experiment, userId: string, now: number): Assignment {
    if (!isActive(e, now)) return { experiment_id: e.id, cohort: null, reason: 'not_running' };
    const seen = readDocument(store, exposuresOf(game.id, userId))!.experiments[e.id];
    if (seen) return { experiment_id: e.id, cohort: seen.cohort, exposed_at: seen.exposed_at };
    if (e.targeting) {
      const user = store.nk.accountGetId(userId).user;
      if (!isTargeted(e.targeting, { langTag: user.langTag, createTime: user.createTime * 1000 })) return { experiment_id: e.id, cohort: null, reason: 'not_targeted' };
    }
    const cohort = cohortOf(e, userId);
    // First the exposure log (idempotent), then the player's record: a failure between them repeats the first, harmlessly.
    onExposure(store, game.id, e.id, cohort, userId, now);
    const running = definitions.read(store, game.id).filter((x) => isActive(x, now)).map((x) => x.id);
    const stored = updateDocument(store, exposuresOf(game.id, userId), (doc) => {
      const current = doc || { experiments: {} };
      if (current.experiments[e.id]) return null;
      const experiments: Exposures['experiments'] = {};
      for (const id of Object.keys(current.experiments)) if (running.indexOf(id) >= 0) experiments[id] = current.experiments[id];
      experiments[e.id] = { cohort, exposed_at: now };
      return { experiments };
    });
    const exposure = stored!.experiments[e.id];
    return { experiment_id: e.id, cohort: exposure.cohort, exposed_at: exposure.exposed_at };
  }

  return {
    id: 'experiments',
    games: games.games.map((g) => g.id),
    documents: [definitions.kind, EXPOSURES],
    experiments: definitions.read,
    assign,
    exposedCohorts(store, gameId, userIds, now) {
      const running = definitions.read(store, gameId).filter((e) => isActive(e, now)).map((e) => e.id);
      const out: { [userId: string]: { [experimentId: string]: string } } = {};
      for (const u of userIds) out[u] = {};
      if (running.length === 0 || userIds.length === 0) return out;
      readStored(store, userIds.map((u) => exposuresOf(gameId, u))).forEach((doc, i) => {
        for (const id of running) if (doc.value && doc.value.experiments[id]) out[userIds[i]][id] = doc.value.experiments[id].cohort;
      });
      return out;
    },
    rpcs: [
      {
        id: 'experiment_get_assignment',
        access: 'player',
        effect: 'write',
        rateLimit: 'read',
        description: "The caller's cohort in a running experiment, the same on every call, VM, node and restart (a hash of experiment and player). The first call records the exposure. cohort is null, with a reason, when the experiment is not running or its targeting leaves the player out.",
        response: '{experiment_id, cohort, exposed_at} | {experiment_id, cohort: null, reason: "not_running" | "not_targeted"}',
        payload: { game_id: GAME_ID, experiment_id: EXPERIMENT_ID },
        errors: { NOT_FOUND: 'no such experiment' },
        handle: (call) => assign(call, call.game, find(call, call.game, call.payload.experiment_id as string), call.userId, Date.now()),
      },
      {
        id: 'experiments_list_active',
        access: 'player',
        effect: 'read',
        description: 'The experiments of the game running now: id, name, description, cohorts with weights, window (no targeting details).',
        response: '{experiments: [{id, name, description, cohorts: [{id, weight}], starts_at, ends_at}]}',
        payload: { game_id: GAME_ID },
        handle(call) {
          const now = Date.now();
          const running = definitions.read(call, call.game.id).filter((e) => isActive(e, now));
          return { experiments: running.map((e) => ({ id: e.id, name: e.name, description: e.description, cohorts: e.cohorts, starts_at: e.starts_at, ends_at: e.ends_at })) };
        },
      },
      {
        id: 'experiment_create',
        access: 'admin',
        effect: 'write',
        rateLimit: 'strict',
        description: 'Create an experiment: {id, name, description?, cohorts: [{id, weight}] (2-10, weights add up to 1, fixed once created), starts_at? (default now), ends_at? (0: until ended), targeting?: {lang_tags?, account_created_after?, account_created_before?}} (docs/live-ops-data.md). Every problem names its field.',
        response: '{experiment: {...the stored definition}}',
        payload: { game_id: GAME_ID, experiment: { type: 'object', required: true } },
        errors: { INVALID_FIELD: 'the experiment breaks a rule (each problem named)' },
        handle: create,
      },
      {
        id: 'experiment_end',
        access: 'admin',
        effect: 'write',
        description: 'End an experiment now: no more assignments (cohort null, reason not_running); exposures stay for the report.',
        response: '{experiment: {...the stored definition, ended_at}}',
        payload: { game_id: GAME_ID, experiment_id: EXPERIMENT_ID },
        errors: { NOT_FOUND: 'no such experiment', FAILED_PRECONDITION: 'it has ended already' },
        handle: end,
      },
    ],
  };
}

/** When an experiment stopped or will stop (0: open-ended and not ended). */
const endOf = (e: Experiment) => (e.ended_at > 0 ? e.ended_at : e.ends_at);
