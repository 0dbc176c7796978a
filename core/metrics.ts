/**
 * Metrics, two ways:
 * - Prometheus, through Nakama's nk.metrics* functions: Nakama exports them on its Prometheus port
 *   (`metrics.prometheus_port`), named `<node name>_custom_<name>` with the tags as labels;
 * - node-local totals for the admin metrics RPCs, in Nakama's node-local cache (shared by all of the
 *   node's VMs; module globals are per VM). The cache holds scalars, one key per total; increments
 *   are read-then-write, so simultaneous updates on one node may lose a count (these totals are for
 *   dashboards; Prometheus has the exact counters).
 */
export const METRICS = {
  rpcCalls: 'rpc_calls',
  rpcLatency: 'rpc_latency',
  matchTick: 'match_tick',
  matchOverruns: 'match_tick_overruns',
  matchmakingWait: 'matchmaking_wait',
  playersInMatches: 'players_in_matches',
  currency: 'currency_flow',
  storageWrites: 'storage_writes',
  untrustedDocuments: 'untrusted_documents',
  pluginDelivery: 'plugin_delivery',
  pluginEvents: 'plugin_events',
} as const;

const NS_PER_MS = 1000000;
const total = (name: string, ...labels: string[]) => `metrics:${name}:${labels.join(':')}`;

/** A number kept in the node-local cache under `key` (0 when absent). */
export function readLocal(nk: nkruntime.Nakama, key: string): number {
  return Number(nk.localcacheGet(key)) || 0;
}

/** Add to a number kept in the node-local cache (read, then written: see the header); returns the new value. */
export function addLocal(nk: nkruntime.Nakama, key: string, delta: number): number {
  const next = readLocal(nk, key) + delta;
  nk.localcachePut(key, next, 0);
  return next;
}

/** A node-local total (0 when never counted). */
export function read(nk: nkruntime.Nakama, name: string, ...labels: string[]): number {
  return readLocal(nk, total(name, ...labels));
}

/** One RPC call: its result (ok or the error code) and latency. */
export function recordRpc(nk: nkruntime.Nakama, rpcId: string, ms: number, error: string | null): void {
  nk.metricsCounterAdd(METRICS.rpcCalls, { rpc: rpcId, result: error || 'ok' }, 1);
  nk.metricsTimerRecord(METRICS.rpcLatency, { rpc: rpcId }, Math.round(ms * NS_PER_MS));
  addLocal(nk, total('rpc', rpcId, 'calls'), 1);
  addLocal(nk, total('rpc', rpcId, 'ms'), ms);
  if (error) addLocal(nk, total('rpc', rpcId, 'errors'), 1);
  if (ms > read(nk, 'rpc', rpcId, 'max_ms')) nk.localcachePut(total('rpc', rpcId, 'max_ms'), ms, 0);
}

/** One match loop tick; an overrun is a tick that took longer than the tick interval. */
export function recordTick(nk: nkruntime.Nakama, module: string, ms: number, tickRate: number): void {
  nk.metricsTimerRecord(METRICS.matchTick, { module }, Math.round(ms * NS_PER_MS));
  addLocal(nk, total('match', module, 'ticks'), 1);
  addLocal(nk, total('match', module, 'ms'), ms);
  if (ms > 1000 / tickRate) {
    nk.metricsCounterAdd(METRICS.matchOverruns, { module }, 1);
    addLocal(nk, total('match', module, 'overruns'), 1);
  }
}

/** One call of a plugin's event handler (Prometheus only): its time, and how many events it took. */
export function recordDelivery(nk: nkruntime.Nakama, pluginId: string, events: number, ms: number): void {
  nk.metricsTimerRecord(METRICS.pluginDelivery, { plugin: pluginId }, Math.round(ms * NS_PER_MS));
  nk.metricsCounterAdd(METRICS.pluginEvents, { plugin: pluginId }, events);
}

/** Players joined (+) or left (-) matches of a game on this node. */
export function recordPlayers(nk: nkruntime.Nakama, gameId: string, delta: number): void {
  const now = Math.max(0, addLocal(nk, total('online', gameId), delta));
  nk.metricsGaugeSet(METRICS.playersInMatches, { game: gameId }, now);
}

/** A player's wait from search to match. */
export function recordWait(nk: nkruntime.Nakama, gameId: string, mode: string, ms: number): void {
  nk.metricsTimerRecord(METRICS.matchmakingWait, { game: gameId, mode }, Math.round(ms * NS_PER_MS));
  addLocal(nk, total('wait', gameId, mode, 'count'), 1);
  addLocal(nk, total('wait', gameId, mode, 'ms'), ms);
}

/** Committed currency: a source (credit) or a sink (debit), by the kind of reason (achievement, season, event...). */
export function recordCurrency(nk: nkruntime.Nakama, gameId: string, currency: string, amount: number, reason: string): void {
  if (amount === 0) return;
  const direction = amount > 0 ? 'source' : 'sink';
  nk.metricsCounterAdd(METRICS.currency, { game: gameId, currency, direction, reason: reason.split(':')[0] }, Math.abs(amount));
  addLocal(nk, total('currency', gameId, currency, direction), Math.abs(amount));
}

/** Objects written by a committed transaction. */
export function recordStorageWrites(nk: nkruntime.Nakama, count: number): void {
  if (count === 0) return;
  nk.metricsCounterAdd(METRICS.storageWrites, {}, count);
  addLocal(nk, total('storage', 'writes'), count);
}
