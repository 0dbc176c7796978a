import { validateKinds, type DocumentKind } from './documents';
import { INVENTORY, PLAIN_ECONOMY, type Economy } from './economy';
import { isUnavailable } from './errors';
import { recordDelivery } from './metrics';
import type { DomainEvent } from './events';
import type { GameRegistry } from './game-registry';
import { migrationProblems, type Migration } from './migrations';
import type { AnyRpcDeclaration, Plugin } from './plugin';
import { RATE_LIMITS, type RateLimit } from './rate-limit';

export interface PluginHost {
  plugins: Plugin[];
  /** The economy every plugin grants through (events and RPCs get it in their services). */
  economy: Economy;
  /** Every plugin RPC with the games its plugin serves. */
  rpcs: HostedRpc[];
  /** The registry of storage the module owns: the core services' kinds and every plugin's (core/documents.ts). */
  documents: DocumentKind<unknown>[];
  /** Every plugin's SQL migrations (core/migrations.ts). */
  migrations: Migration[];
  /** Problems with the plugin set (ids, games, dependencies, definitions); empty when valid. */
  validate(): string[];
  /**
   * Deliver events to the plugins that serve the game and handle the type, after retrying earlier
   * failed deliveries that are due. Never throws. Returns the deliveries that failed, are not due
   * yet, or were deferred (callers keep them, e.g. in match state, and pass them back on the next
   * call). `budgetMs`: no batch starts once the call has spent that long (the first always runs, so
   * every call makes progress, unless the budget is negative: spent); the rest is deferred as it is
   * (due at once, no failure counted).
   */
  deliver(nk: nkruntime.Nakama, logger: nkruntime.Logger, events: DomainEvent[], retries?: PendingDelivery[], now?: number, budgetMs?: number): PendingDelivery[];
}

/** A delivery of one event to one plugin that failed and will be tried again. */
export interface PendingDelivery {
  event: DomainEvent;
  pluginId: string;
  /** Failures other than the database being unreachable: given up after MAX_DELIVERY_ATTEMPTS. */
  attempts: number;
  /** Failures in all: the next try waits RETRY_BASE_MS * 2^(failures - 1), at most RETRY_MAX_MS. */
  failures: number;
  /** Not tried again before this time (ms since the epoch). */
  retryAt: number;
  /** The first failure (ms): a delivery the database keeps refusing is given up after MAX_UNAVAILABLE_MS. */
  firstFailedAt: number;
}

/**
 * Failures of a delivery, other than the database being unreachable, before it is given up (and
 * logged as such). Why retrying is safe: plugins apply each event id at most once
 * (core/apply-once.ts), so a retry of a delivery that half-succeeded completes it instead of
 * repeating it.
 */
export const MAX_DELIVERY_ATTEMPTS = 5;
/** How long deliveries wait out a database that refuses them (an outage, a failover) before they are given up. */
export const MAX_UNAVAILABLE_MS = 10 * 60 * 1000;
/** Events per plugin call at most: the unit a delivery budget is spent in (a 100-player match end is several). */
export const MAX_BATCH = 10;
const RETRY_BASE_MS = 250;
const RETRY_MAX_MS = 2000;

export interface HostedRpc {
  rpc: AnyRpcDeclaration;
  pluginId: string;
  games: string[];
  /** Per user, from the RPC's preset (core/rate-limit.ts). */
  limit: RateLimit;
}

const PLUGIN_ID = /^[a-z][a-z0-9_]*$/;

export function createPluginHost(games: GameRegistry, plugins: Plugin[], economy: Economy = PLAIN_ECONOMY): PluginHost {
  const rpcs: HostedRpc[] = [];
  for (const plugin of plugins) for (const rpc of plugin.rpcs || []) rpcs.push({ rpc, pluginId: plugin.id, games: plugin.games, limit: RATE_LIMITS[rpc.rateLimit || rpc.effect] });
  const documents: DocumentKind<unknown>[] = [INVENTORY as DocumentKind<unknown>];
  for (const plugin of plugins) documents.push(...(plugin.documents || []));
  const migrations: Migration[] = [];
  for (const plugin of plugins) migrations.push(...(plugin.migrations || []));

  return {
    plugins,
    economy,
    rpcs,
    documents,
    migrations,
    validate() {
      const problems: string[] = validateKinds(documents).concat(migrationProblems(migrations));
      const ids: { [id: string]: true } = {};
      const rpcIds: { [id: string]: string } = {};
      for (const plugin of plugins) {
        const where = `plugin ${plugin.id}`;
        if (!PLUGIN_ID.test(plugin.id)) problems.push(`${where}: id must be snake_case`);
        if (ids[plugin.id]) problems.push(`${where}: id is used twice`);
        ids[plugin.id] = true;
        for (const gameId of plugin.games) if (!games.find(gameId)) problems.push(`${where}: games: unknown game id ${gameId}`);
        for (const rpc of plugin.rpcs || []) {
          if (!PLUGIN_ID.test(rpc.id)) problems.push(`${where}: rpc ${rpc.id}: id must be snake_case`);
          if (rpcIds[rpc.id]) problems.push(`${where}: rpc ${rpc.id} is also declared by plugin ${rpcIds[rpc.id]}`);
          rpcIds[rpc.id] = plugin.id;
        }
        if (plugin.events && plugin.eventBatch) problems.push(`${where}: declares both events and eventBatch (eventBatch takes every event)`);
        for (const problem of plugin.validate ? plugin.validate() : []) problems.push(`${where}: ${problem}`);
      }
      for (const plugin of plugins) {
        for (const dependency of plugin.dependsOn || []) {
          if (!ids[dependency]) problems.push(`plugin ${plugin.id}: dependsOn: plugin ${dependency} is missing`);
        }
      }
      return problems;
    },
    deliver(nk, logger, events, retries = [], now = Date.now(), budgetMs = Infinity) {
      const failed = retries.filter((r) => r.retryAt > now);
      const deliveries = retries.filter((r) => r.retryAt <= now);
      for (const event of events) {
        if (!games.find(event.gameId)) {
          logger.error('event %s has unknown game %s', event.id, event.gameId);
          continue;
        }
        for (const plugin of plugins) {
          if (handles(plugin, event.type) && plugin.games.indexOf(event.gameId) >= 0) deliveries.push({ event, pluginId: plugin.id, attempts: 0, failures: 0, retryAt: 0, firstFailedAt: 0 });
        }
      }
      if (deliveries.length === 0) return failed;
      const started = Date.now();
      let calls = 0;
      /** Whether another plugin call fits the budget (the first always does, unless it is spent). */
      const mayStart = () => budgetMs >= 0 && (calls++ === 0 || Date.now() - started < budgetMs);
      const call = (plugin: Plugin, batch: DomainEvent[]) => {
        const services = { nk, logger, economy, game: games.find(batch[0].gameId)! };
        const started = Date.now();
        try {
          if (plugin.eventBatch) plugin.eventBatch(batch, services);
          else (plugin.events![batch[0].type] || plugin.events!['*'])(batch[0], services);
        } finally {
          recordDelivery(nk, plugin.id, batch.length, Date.now() - started);
        }
      };
      /** Keep a failed delivery for a later try, unless it has failed for good. */
      const retryLater = (plugin: Plugin, delivery: PendingDelivery, error: unknown) => {
        const { event } = delivery;
        const unavailable = isUnavailable(error);
        const failures = delivery.failures + 1;
        const next: PendingDelivery = {
          ...delivery, failures, attempts: delivery.attempts + (unavailable ? 0 : 1),
          firstFailedAt: delivery.failures === 0 ? now : delivery.firstFailedAt,
          retryAt: now + Math.min(RETRY_MAX_MS, RETRY_BASE_MS * Math.pow(2, failures - 1)),
        };
        if (unavailable) logger.warn('plugin %s: the database is unreachable for event %s (%s); retrying', plugin.id, event.id, event.type);
        else logger.error('plugin %s failed on event %s (%s): %s', plugin.id, event.id, event.type, describe(error));
        if (next.attempts >= MAX_DELIVERY_ATTEMPTS) logger.error('plugin %s gave up on event %s after %d attempts', plugin.id, event.id, next.attempts);
        else if (now - next.firstFailedAt >= MAX_UNAVAILABLE_MS) logger.error('plugin %s gave up on event %s: the database was unreachable for %d s', plugin.id, event.id, Math.round((now - next.firstFailedAt) / 1000));
        else failed.push(next);
      };
      const deliverOne = (plugin: Plugin, delivery: PendingDelivery) => {
        // Why: one failing plugin must neither end the match nor starve the others.
        try {
          call(plugin, [delivery.event]);
        } catch (error) {
          retryLater(plugin, delivery, error);
        }
      };
      for (const plugin of plugins) {
        const mine = deliveries.filter((d) => d.pluginId === plugin.id);
        if (!plugin.eventBatch) {
          for (const delivery of mine) {
            if (mayStart()) deliverOne(plugin, delivery);
            else failed.push(delivery);
          }
          continue;
        }
        // Batches per game of at most MAX_BATCH, in event order; a batch that fails is delivered again
        // one event at a time, unless the database is unreachable (then every one would fail: all wait together).
        for (const batch of batchesOf(mine)) {
          if (!mayStart()) {
            failed.push(...batch);
            continue;
          }
          if (batch.length === 1) {
            deliverOne(plugin, batch[0]);
            continue;
          }
          try {
            call(plugin, batch.map((d) => d.event));
          } catch (error) {
            if (isUnavailable(error)) {
              for (const delivery of batch) retryLater(plugin, delivery, error);
              continue;
            }
            logger.warn('plugin %s failed on a batch of %d events (%s); delivering them one at a time', plugin.id, batch.length, describe(error));
            for (const delivery of batch) deliverOne(plugin, delivery);
          }
        }
      }
      return failed;
    },
  };
}

/** Whether a plugin takes events of this type: a batch handler takes all, else its own or its '*' handler. */
function handles(plugin: Plugin, type: string): boolean {
  if (plugin.eventBatch) return true;
  return !!plugin.events && !!(plugin.events[type] || plugin.events['*']);
}

const unique = (values: string[]) => values.filter((v, i) => values.indexOf(v) === i);

/** A plugin's deliveries as batches: per game, in event order, at most MAX_BATCH each. */
function batchesOf(deliveries: PendingDelivery[]): PendingDelivery[][] {
  const batches: PendingDelivery[][] = [];
  for (const gameId of unique(deliveries.map((d) => d.event.gameId))) {
    const mine = deliveries.filter((d) => d.event.gameId === gameId);
    for (let i = 0; i < mine.length; i += MAX_BATCH) batches.push(mine.slice(i, i + MAX_BATCH));
  }
  return batches;
}

/** A readable message for anything thrown. */
export function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String((error as { message: unknown }).message);
  return String(error);
}
