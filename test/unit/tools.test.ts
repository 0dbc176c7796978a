// Unit tests for the pieces of tools/nakama/ and tools/postgres.js that need no Nakama or
// PostgreSQL: address handling, flags, ports, and the dev/test config file.
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import YAML from 'yaml';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const nakama = require('../../tools/nakama');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const postgres = require('../../tools/postgres');

describe('parseDatabaseUrl', () => {
  test('turns a libpq URL into Nakama address parts, keeping the query', () => {
    expect(postgres.parseDatabaseUrl('postgres://nk:s3cret@db.example:6543/app?sslmode=require')).toEqual({
      base: 'nk:s3cret@db.example:6543',
      params: 'sslmode=require',
      database: 'app',
    });
  });

  test('defaults the port to 5432 and the user to postgres', () => {
    expect(postgres.parseDatabaseUrl('postgresql://db/').base).toBe('postgres@db:5432');
  });

  test('keeps a percent-encoded password encoded, as Nakama parses it as a URL', () => {
    expect(postgres.parseDatabaseUrl('postgres://u:p%40ss@h:1/d').base).toBe('u:p%40ss@h:1');
  });

  test('rejects other schemes with a clear message', () => {
    expect(() => postgres.parseDatabaseUrl('mysql://u@h/d')).toThrow(/must start with postgres:\/\//);
  });
});

describe('ensurePostgres with DATABASE_URL', () => {
  test('uses it without probing or starting anything', async () => {
    jest.spyOn(console, 'log').mockImplementation(() => undefined); // its one-line notice
    const pg = await postgres.ensurePostgres({ env: { DATABASE_URL: 'postgres://a:b@h:7/x?sslmode=disable' } });
    expect(pg.source).toBe('DATABASE_URL');
    expect(pg.address('nakama')).toBe('a:b@h:7/nakama?sslmode=disable');
    expect(console.log).toHaveBeenCalledWith('[postgres] using DATABASE_URL (a:***@h:7)'); // password hidden
    jest.restoreAllMocks();
  });
});

describe('withDatabaseName', () => {
  test('replaces only the database name', () => {
    expect(nakama.withDatabaseName('u:p@h:5432/nakama?sslmode=disable', 'other')).toBe('u:p@h:5432/other?sslmode=disable');
    expect(nakama.withDatabaseName('u@h:5432', 'fresh')).toBe('u@h:5432/fresh');
  });
});

describe('nakamaArgs', () => {
  const base = {
    name: 'n1',
    database: 'postgres@127.0.0.1:5432/nakama',
    runtimePath: '/b',
    apiPort: 9350,
    metricsPort: 9352,
    consolePort: 9351,
    serverKey: 'sk',
    httpKey: 'hk',
  };

  test('passes ports, keys, runtime path and the shared config file as flags', () => {
    expect(nakama.nakamaArgs(base)).toEqual([
      '--config', nakama.CONFIG_FILE,
      '--name', 'n1',
      '--database.address', 'postgres@127.0.0.1:5432/nakama',
      '--runtime.path', '/b',
      '--socket.port', '9350',
      '--console.port', '9351',
      '--metrics.prometheus_port', '9352',
      '--socket.server_key', 'sk',
      '--runtime.http_key', 'hk',
    ]);
  });

  test('adds data dir and listen address only when asked', () => {
    const args = nakama.nakamaArgs({ ...base, dataDir: '/d', listenAddress: '127.0.0.1' });
    expect(args.slice(-6)).toEqual(['--data_dir', '/d', '--socket.address', '127.0.0.1', '--console.address', '127.0.0.1']);
  });
});

describe('ports', () => {
  test('assertPortFree names the port and the variable to change', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      await expect(nakama.assertPortFree(port)).rejects.toThrow(
        `port ${port} is taken: stop the other Nakama or set NAKAMA_PORT`,
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    await expect(nakama.assertPortFree(port)).resolves.toBeUndefined();
  });

  test('freeNakamaPorts gives a usable gRPC/API pair and a console port', async () => {
    const ports = await nakama.freeNakamaPorts();
    expect(ports.grpc).toBe(ports.api - 1);
    expect(new Set([ports.grpc, ports.api, ports.console]).size).toBe(3);
    for (const port of [ports.grpc, ports.api, ports.console]) {
      expect(await nakama.isPortFree(port)).toBe(true);
    }
  });

  test('startNakama refuses a gRPC port other than API - 1 (Nakama derives it)', async () => {
    await expect(
      nakama.startNakama({ database: 'x@h:1/d', ports: { api: 9350, grpc: 9000 }, binPath: '/nonexistent' }),
    ).rejects.toThrow(/gRPC port is always the API port - 1/);
  });
});

describe('compareVersions', () => {
  test('compares numerically, so Go 1.26.10 is newer than 1.26.5', () => {
    expect(nakama.compareVersions('1.26.10', nakama.MIN_GO_VERSION)).toBeGreaterThan(0);
    expect(nakama.compareVersions('1.26.4', '1.26.5')).toBeLessThan(0);
    expect(nakama.compareVersions('1.26', '1.26.0')).toBe(0);
  });
});

describe('assertNode', () => {
  test('rejects Node older than 20 with the version in the message', () => {
    expect(() => nakama.assertNode('18.19.0')).toThrow('Node 18.19.0 is too old: this project needs Node 20 or newer');
    expect(() => nakama.assertNode('20.0.0')).not.toThrow();
  });
});

describe('config/nakama.yml', () => {
  const config = YAML.parse(fs.readFileSync(nakama.CONFIG_FILE, 'utf8'));

  test('keeps sessions alive for a whole test run', () => {
    expect(config.session.token_expiry_sec).toBe(7200);
    expect(config.session.refresh_token_expiry_sec).toBeGreaterThan(config.session.token_expiry_sec);
  });

  test('matchmakes within a couple of seconds', () => {
    expect(config.matchmaker.interval_sec).toBe(1);
    expect(config.matchmaker.max_intervals).toBeGreaterThanOrEqual(1);
    expect(config.matchmaker.interval_sec * config.matchmaker.max_intervals).toBeLessThanOrEqual(3);
  });

  test('raises the 4 KiB socket message cap', () => {
    expect(config.socket.max_message_size_bytes).toBeGreaterThanOrEqual(65536);
    expect(config.socket.max_request_size_bytes).toBeGreaterThanOrEqual(config.socket.max_message_size_bytes);
  });

  test('loads bundle/index.js, the file the tools check for', () => {
    expect(config.runtime.js_entrypoint).toBe('index.js');
    expect(path.join(nakama.BUNDLE_DIR, config.runtime.js_entrypoint)).toBe(path.join(nakama.ROOT, 'bundle', 'index.js'));
  });

  test('leaves room on a default PostgreSQL (100 connections) for npm test\'s Nakama beside npm start\'s and two fault servers', () => {
    expect(config.database.max_open_conns * 2 + 2 * 10).toBeLessThanOrEqual(100);
    expect(config.database.max_idle_conns).toBeLessThanOrEqual(config.database.max_open_conns);
  });

  test('leaves keys, ports and addresses to the command line', () => {
    expect(config.socket.server_key).toBeUndefined();
    expect(config.socket.port).toBeUndefined();
    expect(config.runtime.http_key).toBeUndefined();
    expect(config.runtime.path).toBeUndefined();
    expect(config.database.address).toBeUndefined();
    expect(config.name).toBeUndefined();
  });
});

describe('Nakama runtime typings', () => {
  test('takes the nakama-common version from a go.mod require block or line', () => {
    expect(nakama.requiredCommonVersion('module x\n\nrequire (\n\tgithub.com/heroiclabs/nakama-common v1.47.0\n\tgithub.com/x/y v1.0.0\n)\n')).toBe('v1.47.0');
    expect(nakama.requiredCommonVersion('require github.com/heroiclabs/nakama-common v1.2.3 // indirect\n')).toBe('v1.2.3');
    expect(() => nakama.requiredCommonVersion('require github.com/heroiclabs/nakama-common-x v1.0.0\n')).toThrow('does not require github.com/heroiclabs/nakama-common');
  });

  test('installs the official nakama-runtime package the module type-checks against', () => {
    const dir = nakama.ensureRuntimeTypings();
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))).toMatchObject({ name: 'nakama-runtime', version: '1.47.0', typings: './index.d.ts' });
    expect(fs.readFileSync(path.join(dir, 'index.d.ts'), 'utf8')).toContain('declare namespace nkruntime');
    const tsconfig = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'tsconfig.json'), 'utf8'));
    expect(tsconfig.compilerOptions.types).toEqual(['nakama-runtime']);
    expect(path.resolve(__dirname, '..', '..', tsconfig.compilerOptions.typeRoots[0], 'nakama-runtime')).toBe(dir);
  });
});
