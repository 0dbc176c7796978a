// Keeps docker-compose.yml in step with the local scripts (tools/nakama/): same Nakama version,
// config file, bundle, keys, ports and server flags. The entrypoint script is really run by /bin/sh
// with a stub in place of /nakama/nakama, so quoting and ordering are checked as the container
// would execute them.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import YAML from 'yaml';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const nakama = require('../../tools/nakama');

const ROOT = path.resolve(__dirname, '..', '..');
const compose = YAML.parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'));
const service = compose.services.nakama;

/** Docker Compose interpolation of ${VAR:-default} / ${VAR} / $$, with the given variables. */
function interpolate(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\$|\$\{(\w+)(?::-([^}]*))?\}/g, (match, name?: string, fallback?: string) => {
    if (match === '$$') return '$';
    const value = vars[name as string];
    return value !== undefined && value !== '' ? value : fallback ?? '';
  });
}

/** Runs the entrypoint with a stub nakama; returns the argv of each invocation, in order. */
function runEntrypoint(vars: Record<string, string>): string[][] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compose-entrypoint-'));
  try {
    const record = path.join(dir, 'calls');
    const stub = path.join(dir, 'nakama');
    // One line per call: the JSON array of its arguments.
    fs.writeFileSync(
      stub,
      `#!/usr/bin/env node\nrequire('fs').appendFileSync(${JSON.stringify(record)}, JSON.stringify(process.argv.slice(2)) + '\\n');\n`,
      { mode: 0o755 },
    );
    const [shell, flags, script] = service.entrypoint as string[];
    const runnable = interpolate(script, vars).split('/nakama/nakama ').join(`${stub} `);
    execFileSync(shell, [flags, runnable], { stdio: 'pipe' });
    return fs
      .readFileSync(record, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as string[]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Parses "source:target[:mode]" volume strings into { source (absolute), target }. */
function mounts(): { source: string; target: string }[] {
  return (service.volumes as string[]).map((volume) => {
    const [source, target] = volume.split(':');
    return { source: path.resolve(ROOT, source), target };
  });
}

function flagValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

describe('docker-compose.yml', () => {
  const calls = runEntrypoint({});
  const [migrate, server] = calls;

  test('uses the Nakama image the local scripts build', () => {
    expect(service.image).toMatch(/(^|\/)heroiclabs\/nakama:3\.40\.0$/);
    expect(service.image.split(':').pop()).toBe(nakama.NAKAMA_VERSION);
  });

  test('runs migrate up, then the server, and stops if migrate fails', () => {
    expect(calls).toHaveLength(2);
    expect(migrate.slice(0, 2)).toEqual(['migrate', 'up']);
    expect(server[0]).toBe('--config');
    // -e makes the shell stop at the first failing command (a failed migration).
    expect(service.entrypoint.slice(0, 2)).toEqual(['/bin/sh', '-ecx']);
    expect(service.entrypoint[2]).toMatch(/\bexec \/nakama\/nakama\b/);
  });

  test('passes exactly the server flags tools/nakama/ passes, with the same defaults', () => {
    const database = flagValue(server, '--database.address') as string;
    const expected = nakama.nakamaArgs({
      configFile: flagValue(server, '--config'),
      name: 'nakama',
      database,
      runtimePath: flagValue(server, '--runtime.path'),
      apiPort: nakama.DEFAULT_PORTS.api,
      consolePort: nakama.DEFAULT_PORTS.console,
      metricsPort: nakama.DEFAULT_PORTS.metrics,
      serverKey: nakama.DEFAULT_SERVER_KEY,
      httpKey: nakama.DEFAULT_HTTP_KEY,
    });
    expect(server).toEqual(expected);
    expect(migrate).toEqual(nakama.migrateArgs(database));
    expect(database).toBe('postgres@postgres:5432/nakama?sslmode=disable');
  });

  test('takes the keys from NAKAMA_SERVER_KEY and NAKAMA_HTTP_KEY like the local scripts', () => {
    const [, custom] = runEntrypoint({ NAKAMA_SERVER_KEY: 'sk-123', NAKAMA_HTTP_KEY: 'hk-456' });
    expect(flagValue(custom, '--socket.server_key')).toBe('sk-123');
    expect(flagValue(custom, '--runtime.http_key')).toBe('hk-456');
  });

  test('mounts the bundle as the runtime path and the same config file the tools use', () => {
    const byTarget = new Map(mounts().map((m) => [m.target, m.source]));
    expect(byTarget.get(flagValue(server, '--runtime.path') as string)).toBe(nakama.BUNDLE_DIR);
    expect(flagValue(server, '--runtime.path')).toBe('/nakama/data/modules');
    expect(byTarget.get(flagValue(server, '--config') as string)).toBe(nakama.CONFIG_FILE);
  });

  test('publishes gRPC, API and console on 7349-7351, Prometheus metrics on 9100', () => {
    const published = (service.ports as string[]).map((p) => p.split(':').map(Number));
    const { grpc, api, console: consolePort, metrics } = nakama.DEFAULT_PORTS;
    expect(published).toEqual([
      [grpc, grpc],
      [api, api],
      [consolePort, consolePort],
      [metrics, metrics],
    ]);
    expect(flagValue(server, '--metrics.prometheus_port')).toBe(String(metrics));
    expect(grpc).toBe(api - 1); // Nakama derives gRPC from socket.port
    expect(flagValue(server, '--socket.port')).toBe(String(api));
    expect(flagValue(server, '--console.port')).toBe(String(consolePort));
  });

  test('waits for a healthy postgres that the database address points at', () => {
    expect(service.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    const postgres = compose.services.postgres;
    expect(postgres.healthcheck.test).toEqual(expect.arrayContaining(['pg_isready']));
    const address = new URL(`postgres://${flagValue(server, '--database.address')}`);
    expect(address.hostname).toBe('postgres');
    expect(address.pathname).toBe(`/${postgres.environment.POSTGRES_DB}`);
    expect(address.username).toBe(postgres.environment.POSTGRES_USER);
  });
});
