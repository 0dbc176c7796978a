import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

/** A JavaScript tool of the project (benchmarks run from the repository root; see tools/bench.js). */
/** The value after `name` on the command line (e.g. --requests 2000), or undefined. */
export const argValue = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

export const tool = (name: string) => require(path.resolve('tools', name));

const nakama = tool('nakama');

/**
 * A private Nakama for a benchmark (fresh database, free ports), like `npm test` starts.
 * `extraArgs`: Nakama command-line flags appended after the standard ones (they win), e.g.
 * ['--matchmaker.interval_sec', '15']. `database`: a named database kept when the server stops
 * (so a benchmark can restart on it; `dropDatabase` removes it) instead of a fresh one dropped.
 */
export async function startPrivateServer(options: { extraArgs?: string[]; database?: string } = {}): Promise<{ pid: number; stop: () => Promise<void>; database: string; metricsPort: number }> {
  nakama.buildBundle();
  const binPath = nakama.ensureNakama();
  const pg = await nakama.ensurePostgres();
  const ports = await nakama.freeNakamaPorts();
  const database = pg.address(options.database || 'nakama_bench');
  const server = await nakama.startNakama({
    name: 'nakama-bench', binPath, database, freshDatabase: !options.database, ports,
    logFile: path.join(nakama.RUN_DIR, 'bench-nakama.log'), listenAddress: '127.0.0.1', extraArgs: options.extraArgs,
  });
  Object.assign(process.env, {
    NAKAMA_HOST: '127.0.0.1', NAKAMA_PORT: String(server.apiPort), NAKAMA_CONSOLE_PORT: String(server.consolePort),
    NAKAMA_SERVER_KEY: server.serverKey, NAKAMA_HTTP_KEY: server.httpKey,
  });
  return { pid: server.process.pid, stop: async () => { await server.stop(); pg.stop(); }, database: server.database, metricsPort: ports.metrics };
}

/**
 * Nakama's console serves pprof (admin basic auth, config/local.yml): /debug/pprof/profile (Go) and
 * /debug/pprof/profile_js (goja, every VM). Saves both as .run/<name>-{go,js}.pprof and prints the top
 * functions of each. (The goja profile samples wall time of the VMs' calls, native waits included.)
 */
export async function saveProfiles(name: string, seconds: number): Promise<void> {
  const console_ = `http://127.0.0.1:${process.env.NAKAMA_CONSOLE_PORT}/debug/pprof`;
  const headers = { authorization: `Basic ${Buffer.from('admin:password').toString('base64')}` };
  const files = await Promise.all(['profile', 'profile_js'].map(async (kind) => {
    const response = await fetch(`${console_}/${kind}?seconds=${seconds}`, { headers });
    if (!response.ok) throw new Error(`${kind}: ${response.status} ${await response.text()}`);
    const file = path.join(nakama.RUN_DIR, `${name}-${kind === 'profile' ? 'go' : 'js'}.pprof`);
    fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    return file;
  }));
  for (const file of files) {
    const top = execFileSync('go', ['tool', 'pprof', '-top', '-nodecount=30', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    console.log(`\n${file}:\n${top}`);
  }
}

/** Nakama's Prometheus exposition (the metrics port). */
export const metricsText = async (metricsPort: number): Promise<string> => (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();

/**
 * A Prometheus timer of the module (Nakama names it `<node>_custom_<metric>`), per value of one label:
 * seconds and calls so far. Timers are current; counters are published only every
 * metrics.reporting_freq_sec (60 s). E.g. timerTotals(port, 'plugin_delivery', 'plugin'): each plugin's
 * deliveries; timerTotals(port, 'rpc_latency', 'rpc'): the time each RPC spent in the module.
 */
export async function timerTotals(metricsPort: number, metric: string, label: string): Promise<{ [value: string]: { seconds: number; calls: number } }> {
  return timerTotalsIn(await metricsText(metricsPort), metric, label);
}

/** timerTotals from an exposition already fetched (several figures from one read). */
export function timerTotalsIn(metrics: string, metric: string, label: string): { [value: string]: { seconds: number; calls: number } } {
  const out: { [value: string]: { seconds: number; calls: number } } = {};
  const line = new RegExp(`custom_${metric}_(sum|count)\\{.*${label}="([^"]+)".*\\}\\s+(\\S+)$`);
  for (const row of metrics.split('\n')) {
    const m = line.exec(row);
    if (!m) continue;
    const figures = (out[m[2]] = out[m[2]] || { seconds: 0, calls: 0 });
    if (m[1] === 'sum') figures.seconds += Number(m[3]);
    else figures.calls += Number(m[3]);
  }
  return out;
}

/**
 * A counter of the module from the exposition, e.g. match_tick_overruns of module "quiz". Why not
 * metrics_get_summary: its node totals are read-modify-writes of Nakama's local cache, which
 * concurrent match VMs may race on; Prometheus counters are atomic.
 */
export function counterValue(metrics: string, metric: string, label: string, value: string): number {
  const m = new RegExp(`custom_${metric}\\{[^}]*${label}="${value}"[^}]*\\}\\s+(\\S+)`).exec(metrics);
  return m ? Number(m[1]) : 0;
}

/** Quantiles (ms) of one of the module's timers (a Prometheus summary) for one value of a label, e.g. the match_tick of module "quiz". */
export function timerQuantiles(metrics: string, metric: string, label: string, value: string): { [q: string]: number } {
  const out: { [q: string]: number } = {};
  const row = new RegExp(`custom_${metric}\\{[^}]*${label}="([^"]+)"[^}]*quantile="([^"]+)"\\}\\s+(\\S+)`, 'g');
  for (const m of metrics.matchAll(row)) {
    if (m[1] === value) out[m[2]] = Number(m[3]) * 1000;
  }
  return out;
}

/** Each plugin's deliveries so far (the module's plugin_delivery timer). */
export const pluginDeliveries = (metricsPort: number) => timerTotals(metricsPort, 'plugin_delivery', 'plugin');

/** Drop a database a benchmark kept (startPrivateServer's `database`), given its full address. */
export const dropDatabase = (address: string): boolean => nakama.dropDatabase(address);

/** Run SQL on a benchmark's database with psql (the benchmark's own private data only). */
export function sql(address: string, statement: string): string {
  const psql = tool('postgres.js').findPsql();
  if (!psql) throw new Error('psql not found');
  const url = /^postgres(ql)?:\/\//.test(address) ? address : `postgres://${address}`;
  return execFileSync(psql, [url, '-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-c', statement], { encoding: 'utf8', timeout: 300000 }).trim();
}

/** CPU time (ms) a process has used so far, from /proc (Linux). */
export function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
}

/**
 * The machine's CPU time so far (all cores, ms) and the part of it the hypervisor gave to other
 * guests ("steal", /proc/stat): on a VM, a run whose steal share is high ran on a slower machine.
 */
export function machineCpu(): MachineCpu {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { totalMs: fields.slice(0, 8).reduce((a, b) => a + b, 0) * 10, stealMs: fields[7] * 10, idleMs: (fields[3] + fields[4]) * 10 };
}

export interface MachineCpu { totalMs: number; stealMs: number; idleMs: number }

/** Between two machineCpu readings: how busy the machine was and how much the hypervisor took (% of all cores' time). */
export function machineShares(before: MachineCpu, after: MachineCpu): { busy: number; steal: number } {
  const total = Math.max(1, after.totalMs - before.totalMs);
  return { busy: (100 * (total - (after.idleMs - before.idleMs))) / total, steal: (100 * (after.stealMs - before.stealMs)) / total };
}

/** CPU time so far (ms) of every PostgreSQL process on the machine (the server and its backends: Nakama's connections live through a run). */
export function postgresCpuMs(): number {
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += cpuMs(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** Median and percentile of a list of numbers. */
export function percentile(values: number[], p: number): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** `width` at a time, in order. */
export async function inBatches<T, R>(items: T[], width: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width) out.push(...(await Promise.all(items.slice(i, i + width).map(f))));
  return out;
}

export interface Latency { label: string; p50: number; p99: number; perSecond: number; errors: number; firstError?: string }

/** `requests` calls of `call`, `concurrency` at a time (each worker calls again as soon as its last one answered). */
export async function measure(label: string, requests: number, concurrency: number, call: () => Promise<unknown>): Promise<Latency> {
  const times: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < requests) {
      next += 1;
      const t0 = performance.now();
      try {
        await call();
        times.push(performance.now() - t0);
      } catch (err) {
        errors += 1;
        firstError = firstError || (err instanceof Response ? `${err.status} ${await err.text()}` : String(err));
      }
    }
  }));
  const elapsed = (performance.now() - started) / 1000;
  return { label, p50: percentile(times, 50), p99: percentile(times, 99), perSecond: times.length / elapsed, errors, firstError };
}

/** One line of a measure()'s figures. */
export const latencyLine = (r: Latency, width = 52) => `   ${r.label.padEnd(width)} p50 ${r.p50.toFixed(1).padStart(6)} ms  p99 ${r.p99.toFixed(1).padStart(6)} ms  ${r.perSecond.toFixed(0).padStart(5)}/s  errors ${r.errors}${r.firstError ? ` (first: ${r.firstError.slice(0, 120)})` : ''}`;
