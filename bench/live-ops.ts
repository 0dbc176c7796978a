/**
 * Live-ops data on a private real Nakama (figures, not a test), each beside the no-op RPC in the
 * same run and at the same concurrency (the floor: Nakama and the module's dispatcher):
 * - analytics_collect_events with batches of 100 catalogue events (one multi-row INSERT each):
 *   p50, p99 and events stored per second at 20 concurrent clients; the table's rows are counted after;
 * - remote_config_fetch through the node cache, for players in a running experiment with cohort
 *   variants (one read of the player's exposures per call);
 * - health_check.
 * Clients: nakama-js over HTTP, the calls of each kind spread over 200 users in turn (the RPCs are
 * rate limited per user).
 *
 * Run: npm run bench -- bench/live-ops.ts [--requests N] [--concurrency C]
 * Nakama's log: .run/bench-nakama.log.
 */
import { Client, type Session } from '@heroiclabs/nakama-js';
import { QUIZVERSE_ID } from '../test/support/quiz';
import { serverRpc, server as target } from '../test/integration/support/nakama';
import { argValue, dropDatabase, inBatches, latencyLine, measure, sql, startPrivateServer, tool, type Latency } from './private-server';

const REQUESTS = Number(argValue('--requests') || 2000);
const CONCURRENCY = Number(argValue('--concurrency') || 20);
const USERS = 200;
const DATABASE = 'nakama_bench_live_ops';
const G = { game_id: QUIZVERSE_ID };

/** A batch of 100 catalogue events, each with its own id (so none is a duplicate). */
function batch(n: number) {
  return Array.from({ length: 100 }, (_, i) => ({
    name: i % 2 ? 'screen_viewed' : 'button_clicked', event_id: `b${n}-${i}`, client_time: Date.now() - 500,
    properties: i % 2 ? { screen: 'home', previous: 'shop' } : { button: 'play', screen: 'home' },
  }));
}

async function main() {
  const pg = await tool('nakama').ensurePostgres();
  const address: string = pg.address(DATABASE);
  dropDatabase(address); // a run that was killed left it behind
  const server = await startPrivateServer({ database: DATABASE });
  try {
    const { host, port, serverKey } = target();
    const client = new Client(serverKey, host, port, false);
    const sessions: Session[] = await inBatches(Array.from({ length: USERS }, (_, i) => i), 50, (i) => client.authenticateDevice(`bench-liveops-${i}-${process.pid}`, true));
    let turn = 0;
    const next = () => sessions[turn++ % sessions.length];
    await serverRpc('experiment_create', { ...G, experiment: { id: 'bench_menu', name: 'Menu', cohorts: [{ id: 'control', weight: 0.5 }, { id: 'compact', weight: 0.5 }] } });
    await serverRpc('remote_config_update', { ...G, default: { motd: 'bench', store: { featured_sku: 'gems_100' } }, variants: { bench_menu: { compact: { features: { shop: false } } } } });
    // Every user fetches once: exposed (the first fetch writes the exposure), then every fetch is a read.
    await inBatches(sessions, 50, (s) => client.rpc(s, 'remote_config_fetch', G));

    let batches = 0;
    const kinds: [string, () => Promise<unknown>][] = [
      ['noop (floor)', () => client.rpc(next(), 'noop', {})],
      ['analytics_collect_events, 100 events', () => client.rpc(next(), 'analytics_collect_events', { ...G, events: batch(batches++) }).then((r) => {
        if ((r.payload as { accepted: number }).accepted !== 100) throw new Error(`stored ${JSON.stringify(r.payload)}`);
      })],
      ['noop (floor, again)', () => client.rpc(next(), 'noop', {})],
      ['remote_config_fetch, cached, with a variant', () => client.rpc(next(), 'remote_config_fetch', G)],
      ['health_check', () => client.rpc(next(), 'health_check', {})],
    ];
    for (const [label, call] of kinds) await measure(`warm-up ${label}`, CONCURRENCY * 4, CONCURRENCY, call);
    const results: Latency[] = [];
    const batchesBefore = batches;
    for (const [label, call] of kinds) results.push(await measure(label, REQUESTS, CONCURRENCY, call));
    const stored = Number(sql(address, 'SELECT count(*) FROM analytics_events WHERE source = \'client\''));
    console.log(`Live-ops data, ${CONCURRENCY} concurrent clients (${USERS} users in turn), ${REQUESTS} requests each, on this machine:`);
    for (const r of results) {
      const events = r.label.startsWith('analytics') ? `  = ${(r.perSecond * 100).toFixed(0)} events/s` : '';
      console.log(latencyLine(r, 46) + events);
    }
    console.log(`   (${stored.toLocaleString('en')} client events in analytics_events after ${batches} batches, ${batches - batchesBefore} measured; expected ${(batches * 100).toLocaleString('en')})`);
    const cache = (await serverRpc<any>('cache_stats', {})).caches.remote_config;
    console.log(`   (remote_config cache: ${cache.hits} hits, ${cache.misses} misses)`);
  } finally {
    await server.stop();
    dropDatabase(address);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
