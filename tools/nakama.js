'use strict';
/**
 * Builds, starts and stops a local Nakama 3.40 server without Docker.
 * Used by tools/start.js (`npm start`), tools/test.js (`npm test`) and the unit tests that keep
 * docker-compose.yml in step with these flags.
 *
 * Plain CommonJS with Node built-ins only: it runs before `npm ci`.
 */
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const postgres = require('./postgres');

const ROOT = path.resolve(__dirname, '..');
const NAKAMA_VERSION = '3.40.0';
const NAKAMA_MODULE = 'github.com/heroiclabs/nakama/v3';
/** Nakama 3.40's go.mod says `go 1.26.5`. */
const MIN_GO_VERSION = '1.26.5';
const NAKAMA_BIN = path.join(ROOT, '.tools', 'bin', 'nakama');
const CONFIG_FILE = path.join(ROOT, 'config', 'nakama.yml');
const BUNDLE_DIR = path.join(ROOT, 'bundle');
const RUN_DIR = path.join(ROOT, '.run');
/** Nakama derives gRPC = socket.port - 1; there is no flag for it. */
const DEFAULT_PORTS = Object.freeze({ grpc: 7349, api: 7350, console: 7351 });
const DEFAULT_SERVER_KEY = 'defaultkey';
const DEFAULT_HTTP_KEY = 'defaulthttpkey';
const READY_TIMEOUT_MS = 60000;
const STOP_TIMEOUT_MS = 10000;

/** @param {string} msg */
function log(msg) {
  console.log(`[nakama] ${msg}`);
}

/**
 * Compares dotted versions numerically ('1.26.10' > '1.26.5').
 * @param {string} a
 * @param {string} b
 * @returns {number} <0, 0 or >0
 */
function compareVersions(a, b) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Throws a clear error when Go is missing or older than Nakama 3.40 needs.
 * @returns {string} the Go version, e.g. '1.26.8'
 */
function assertGo() {
  const res = spawnSync('go', ['env', 'GOVERSION'], { encoding: 'utf8' });
  if (res.error || res.status !== 0) {
    throw new Error(
      `Go is not installed (or not on PATH). Nakama ${NAKAMA_VERSION} is built from source and needs ` +
        `Go >= ${MIN_GO_VERSION}: https://go.dev/dl/`,
    );
  }
  const match = /^go(\d+\.\d+(?:\.\d+)?)/.exec(res.stdout.trim());
  if (!match) throw new Error(`cannot read the Go version from "${res.stdout.trim()}"`);
  if (compareVersions(match[1], MIN_GO_VERSION) < 0) {
    throw new Error(`Go ${match[1]} is too old: Nakama ${NAKAMA_VERSION} needs Go >= ${MIN_GO_VERSION} (https://go.dev/dl/)`);
  }
  return match[1];
}

/**
 * `nakama --version` output, or null if the binary is missing or broken.
 * @param {string} bin
 * @returns {string|null} e.g. '3.40.0+d4d92f9'
 */
function nakamaVersion(bin) {
  if (!fs.existsSync(bin)) return null;
  const res = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 10000 });
  return res.status === 0 ? res.stdout.trim() : null;
}

/**
 * Builds Nakama from the module source into binPath.
 *
 * Why not `go install github.com/heroiclabs/nakama/v3@v3.40.0`: it also fetches the module's
 * version list to check for deprecation, and some module proxies answer that with
 * "403 Forbidden", failing the whole install. `go mod download` of the exact version works on
 * those proxies, so we download and `go build` in the (read-only) module directory ourselves.
 * This also lets us stamp the version the way Nakama's release builds do.
 * @param {string} binPath
 */
function buildNakama(binPath) {
  const goVersion = assertGo();
  const started = Date.now();
  log(`building Nakama ${NAKAMA_VERSION} from source with Go ${goVersion} (first run only; ~1-3 min)...`);
  const env = { ...process.env, GOWORK: 'off' };
  // Run outside the repo so no go.mod/go.work around us changes module resolution.
  const download = spawnSync('go', ['mod', 'download', '-json', `${NAKAMA_MODULE}@v${NAKAMA_VERSION}`], {
    encoding: 'utf8',
    cwd: os.tmpdir(),
    env,
  });
  let info;
  try {
    info = JSON.parse(download.stdout);
  } catch {
    info = {};
  }
  if (download.status !== 0 || !info.Dir) {
    throw new Error(`go mod download ${NAKAMA_MODULE}@v${NAKAMA_VERSION} failed:\n${info.Error || ''}${download.stderr}`);
  }
  const commit = info.Origin && info.Origin.Hash ? info.Origin.Hash.slice(0, 7) : 'release';
  fs.mkdirSync(path.dirname(binPath), { recursive: true });
  // Build to a temporary name and rename: never leaves a half-written binary, and does not fail
  // with "text file busy" while another Nakama from the old binary is running.
  const tmpBin = `${binPath}.${process.pid}.tmp`;
  const build = spawnSync(
    'go',
    ['build', '-trimpath', '-mod=readonly', '-ldflags', `-X main.version=${NAKAMA_VERSION} -X main.commitID=${commit}`, '-o', tmpBin, '.'],
    { cwd: info.Dir, env, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (build.status !== 0) {
    fs.rmSync(tmpBin, { force: true });
    throw new Error(`go build of Nakama failed (exit ${build.status}); see the output above`);
  }
  fs.renameSync(tmpBin, binPath);
  log(`built ${path.relative(ROOT, binPath)} (${nakamaVersion(binPath)}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Returns the path of the project-local Nakama binary, building it first if needed.
 * A binary that answers `--version` with 3.40.0 (or the unstamped 3.0.0+dev of a plain
 * `go build`) is reused, so a second start takes seconds.
 * @param {{ binPath?: string }} [options]
 * @returns {string}
 */
function ensureNakama(options = {}) {
  const binPath = options.binPath || NAKAMA_BIN;
  const version = nakamaVersion(binPath);
  if (version && (version.startsWith(`${NAKAMA_VERSION}+`) || version === '3.0.0+dev')) {
    log(`using ${path.relative(ROOT, binPath) || binPath} (${version})`);
    return binPath;
  }
  if (version) log(`${binPath} is version ${version}, not ${NAKAMA_VERSION}: rebuilding`);
  buildNakama(binPath);
  return binPath;
}

/**
 * True if nothing listens on the port on any interface (Nakama binds all interfaces).
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function isPortFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Throws "port N is taken: stop the other Nakama or set ENV" when the port is in use.
 * @param {number} port
 * @param {string} [envName] the variable that moves this port
 */
async function assertPortFree(port, envName = 'NAKAMA_PORT') {
  if (!(await isPortFree(port))) {
    throw new Error(`port ${port} is taken: stop the other Nakama or set ${envName}`);
  }
}

/**
 * Picks free ports for a private Nakama: api and api-1 (gRPC, derived by Nakama) and console.
 * @returns {Promise<{ grpc: number, api: number, console: number }>}
 */
async function freeNakamaPorts() {
  for (let attempt = 0; attempt < 50; attempt++) {
    const api = await postgres.freePort();
    if (api - 1 < 1024 || !(await isPortFree(api - 1))) continue;
    const consolePort = await postgres.freePort();
    if (consolePort === api || consolePort === api - 1) continue;
    return { grpc: api - 1, api, console: consolePort };
  }
  throw new Error('could not find free ports for Nakama');
}

/**
 * The command-line flags for `nakama` (the server), shared by the local scripts and, for the
 * flags they have in common, mirrored by docker-compose.yml (test/unit/docker-compose.test.ts).
 * @param {{ name: string, database: string, runtimePath: string, apiPort: number,
 *   consolePort: number, serverKey: string, httpKey: string, configFile?: string,
 *   dataDir?: string, listenAddress?: string }} o
 * @returns {string[]}
 */
function nakamaArgs(o) {
  const args = [
    '--config', o.configFile || CONFIG_FILE,
    '--name', o.name,
    '--database.address', o.database,
    '--runtime.path', o.runtimePath,
    '--socket.port', String(o.apiPort),
    '--console.port', String(o.consolePort),
    '--socket.server_key', o.serverKey,
    '--runtime.http_key', o.httpKey,
  ];
  // Local-only: keep Nakama's data dir out of the repo root (its default is ./data).
  if (o.dataDir) args.push('--data_dir', o.dataDir);
  // Local-only: a test server need not be reachable from other machines.
  if (o.listenAddress) args.push('--socket.address', o.listenAddress, '--console.address', o.listenAddress);
  return args;
}

/**
 * Flags for `nakama migrate up`, which also creates the database when it is missing.
 * @param {string} database full Nakama address including the database name
 * @returns {string[]}
 */
function migrateArgs(database) {
  return ['migrate', 'up', '--database.address', database];
}

/**
 * Replaces the database name in a Nakama address.
 * @param {string} address `user[:pass]@host:port[/db][?params]`
 * @param {string} dbName
 */
function withDatabaseName(address, dbName) {
  const url = new URL(`postgres://${address}`);
  url.pathname = `/${dbName}`;
  return url.toString().slice('postgres://'.length);
}

/** @param {string} address @returns {string} */
function databaseNameOf(address) {
  return decodeURIComponent(new URL(`postgres://${address}`).pathname.slice(1));
}

/**
 * Runs a command to completion, collecting its combined output.
 * @returns {Promise<{ code: number|null, output: string }>}
 */
function runCollect(cmd, args, options) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.once('error', (err) => resolve({ code: null, output: `${output}${err.message}` }));
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** @param {string} text @param {number} n */
function lastLines(text, n) {
  return text.trimEnd().split('\n').slice(-n).join('\n');
}

/**
 * Resolves true when the child exits within ms, false otherwise.
 * @param {import('child_process').ChildProcess} child
 * @param {number} ms
 */
function waitForExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    // 'close' rather than 'exit': it also waits until piped output is drained, so the last
    // log lines ("Shutdown complete") are printed before we move on or exit.
    child.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Status code of GET url, or 0 on connection errors.
 * @param {string} url
 * @returns {Promise<number>}
 */
function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode || 0);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(0));
  });
}

/**
 * @typedef {object} NakamaServer
 * @property {number} apiPort HTTP API and websocket (/ws)
 * @property {number} grpcPort always apiPort - 1
 * @property {number} consolePort
 * @property {string} serverKey
 * @property {string} httpKey
 * @property {string} database the Nakama address actually used (unique name when fresh)
 * @property {string|undefined} logFile
 * @property {import('child_process').ChildProcess} process
 * @property {() => Promise<void>} stop SIGTERM, up to 10 s, then SIGKILL; drops a fresh database
 */

/**
 * Migrates the database, starts Nakama and waits until GET / answers 200.
 * @param {object} options
 * @param {string} options.database full Nakama address including the database name
 * @param {string} [options.name] node name, 1-16 characters
 * @param {boolean} [options.freshDatabase] use a unique database (name + _<pid>_<time>) and drop it on stop
 * @param {{ grpc?: number, api?: number, console?: number }} [options.ports]
 * @param {string} [options.logFile] write Nakama's output here; otherwise it goes to our stdout
 * @param {string} [options.serverKey]
 * @param {string} [options.httpKey]
 * @param {string[]} [options.extraArgs] appended after the standard flags (they win)
 * @param {string} [options.runtimePath] directory holding index.js (default bundle/)
 * @param {string} [options.binPath] Nakama binary (default from ensureNakama())
 * @param {string} [options.listenAddress] bind API and console to this address only
 * @param {string} [options.dataDir] Nakama data_dir (default .run/nakama-data)
 * @returns {Promise<NakamaServer>}
 */
async function startNakama(options) {
  const name = options.name || 'nakama';
  const ports = { ...DEFAULT_PORTS, ...options.ports };
  // Only the API port is configurable in Nakama; gRPC follows it unless given explicitly.
  if (!(options.ports && options.ports.grpc)) ports.grpc = ports.api - 1;
  const apiPort = ports.api;
  if (ports.grpc !== ports.api - 1) {
    throw new Error(`Nakama's gRPC port is always the API port - 1 (asked for gRPC ${ports.grpc}, API ${ports.api})`);
  }
  const serverKey = options.serverKey || DEFAULT_SERVER_KEY;
  const httpKey = options.httpKey || DEFAULT_HTTP_KEY;
  const runtimePath = path.resolve(options.runtimePath || BUNDLE_DIR);
  const binPath = options.binPath || ensureNakama();
  const dataDir = options.dataDir || path.join(RUN_DIR, 'nakama-data');

  if (!fs.existsSync(path.join(runtimePath, 'index.js'))) {
    throw new Error(`${path.join(runtimePath, 'index.js')} does not exist: build the bundle first (npm run build)`);
  }
  await assertPortFree(ports.api, 'NAKAMA_PORT');
  await assertPortFree(ports.grpc, 'NAKAMA_PORT (gRPC uses NAKAMA_PORT - 1)');
  await assertPortFree(ports.console, 'NAKAMA_CONSOLE_PORT');

  let database = options.database;
  if (options.freshDatabase) {
    const unique = `${databaseNameOf(database) || 'nakama'}_${process.pid}_${Date.now().toString(36)}`;
    database = withDatabaseName(database, unique);
  }
  fs.mkdirSync(dataDir, { recursive: true });
  fs.mkdirSync(RUN_DIR, { recursive: true }); // Nakama's working directory
  const env = { ...process.env, NAKAMA_TELEMETRY: process.env.NAKAMA_TELEMETRY || '0' };

  // Output: to the log file through a file descriptor (complete even if we crash), or to our
  // stdout through a pipe, keeping the tail for error messages.
  let logFd = null;
  if (options.logFile) {
    fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
    logFd = fs.openSync(options.logFile, 'w');
  }
  let recent = '';
  const remember = (chunk) => {
    recent = lastLines(recent + chunk, 40);
  };
  const tail = () => (options.logFile ? postgres.readTail(options.logFile, 40) : recent);

  const migrateStarted = Date.now();
  const migrate = await runCollect(binPath, migrateArgs(database), { env, cwd: RUN_DIR });
  if (logFd !== null) fs.writeSync(logFd, migrate.output);
  if (migrate.code !== 0) {
    if (logFd !== null) fs.closeSync(logFd);
    if (options.freshDatabase) postgres.dropDatabase(database);
    const hint = /password authentication failed|no password supplied/.test(migrate.output)
      ? '\nThis PostgreSQL wants a password: set DATABASE_URL=postgres://user:pass@host:port/postgres'
      : '';
    throw new Error(
      `nakama migrate up failed (exit ${migrate.code}) for ${redact(database)}:\n${lastLines(migrate.output, 40)}${hint}`,
    );
  }
  log(`migrated ${redact(database)} in ${Date.now() - migrateStarted} ms`);

  const args = [
    ...nakamaArgs({
      name, database, runtimePath, apiPort, consolePort: ports.console, serverKey, httpKey, dataDir,
      listenAddress: options.listenAddress,
    }),
    ...(options.extraArgs || []),
  ];
  const started = Date.now();
  // detached: our own process group, so a terminal Ctrl-C reaches only us and we stop Nakama
  // in order (Nakama first, then the private Postgres) instead of racing both.
  const child = spawn(binPath, args, {
    cwd: RUN_DIR,
    env,
    detached: true,
    stdio: ['ignore', logFd === null ? 'pipe' : logFd, logFd === null ? 'pipe' : logFd],
  });
  if (logFd !== null) fs.closeSync(logFd); // the child holds its own copy
  if (logFd === null) {
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        remember(chunk.toString());
        process.stdout.write(chunk);
      });
    }
  }
  // Never leave a Nakama behind when this Node process ends without calling stop().
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  let stopping = null;
  // Memoised: every caller (signal handler, finally block) waits for the same shutdown.
  const stop = () => (stopping = stopping || stopNow());
  const stopNow = async () => {
    if (!(await waitForExitAfter(child, 'SIGTERM', STOP_TIMEOUT_MS))) {
      log(`Nakama did not stop within ${STOP_TIMEOUT_MS / 1000} s: SIGKILL`);
      await waitForExitAfter(child, 'SIGKILL', 5000);
    }
    process.removeListener('exit', killOnExit);
    if (options.freshDatabase && postgres.dropDatabase(database)) log(`dropped database ${databaseNameOf(database)}`);
  };

  try {
    await waitUntilReady(child, `http://127.0.0.1:${apiPort}/`, READY_TIMEOUT_MS);
  } catch (err) {
    await stop();
    const where = options.logFile ? ` (full log: ${options.logFile})` : '';
    throw new Error(`${err.message}${where}\n--- last 40 lines of Nakama's output ---\n${tail()}`);
  }
  log(`ready on http://127.0.0.1:${apiPort} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  return {
    apiPort,
    grpcPort: ports.grpc,
    consolePort: ports.console,
    serverKey,
    httpKey,
    database,
    logFile: options.logFile,
    process: child,
    stop,
  };
}

/** Sends a signal if the child still runs and waits for it to exit. */
async function waitForExitAfter(child, signal, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return true;
  child.kill(signal);
  return waitForExit(child, ms);
}

/**
 * Polls GET url until it answers 200; rejects if the process exits or time runs out.
 * @param {import('child_process').ChildProcess} child
 * @param {string} url
 * @param {number} timeoutMs
 */
async function waitUntilReady(child, url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Nakama exited during start-up (code ${child.exitCode}, signal ${child.signalCode})`);
    }
    if ((await httpStatus(url)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Nakama did not answer 200 on ${url} within ${timeoutMs / 1000} s`);
}

/**
 * Installs npm dependencies when they are missing (a fresh clone), so `npm start` and
 * `npm test` work as the first command after `git clone`.
 */
function ensureNodeModules() {
  if (fs.existsSync(path.join(ROOT, 'node_modules', '.bin', 'rollup'))) return;
  log('node_modules is missing: npm ci');
  const res = spawnSync('npm', ['ci'], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`npm ci failed (exit ${res.status})`);
}

/**
 * Builds bundle/index.js with the project's rollup.config.js.
 * @returns {number} milliseconds taken
 */
function buildBundle() {
  if (!fs.existsSync(path.join(ROOT, 'rollup.config.js'))) {
    throw new Error('rollup.config.js is missing: cannot build bundle/index.js');
  }
  const started = Date.now();
  const res = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'rollup'), ['-c'], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`the bundle build (rollup -c) failed (exit ${res.status})`);
  if (!fs.existsSync(path.join(BUNDLE_DIR, 'index.js'))) {
    throw new Error('rollup -c succeeded but bundle/index.js was not written: check rollup.config.js output');
  }
  return Date.now() - started;
}

/**
 * Reads a port number from the environment.
 * @param {string} name
 * @param {number} fallback
 */
function portFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 2 || port > 65535) throw new Error(`${name}=${raw} is not a valid port`);
  return port;
}

/**
 * Throws a clear error on Node older than 20 (the tools and the tests use Node 20 APIs).
 * @param {string} [version] defaults to this process's version
 */
function assertNode(version = process.versions.node) {
  if (Number(version.split('.')[0]) < 20) {
    throw new Error(`Node ${version} is too old: this project needs Node 20 or newer (https://nodejs.org/)`);
  }
}

/** Hides a password in a Nakama address for printing. @param {string} address */
function redact(address) {
  return address.replace(/^([^:@/]+):[^@]*@/, '$1:***@');
}

module.exports = {
  ROOT,
  NAKAMA_VERSION,
  MIN_GO_VERSION,
  NAKAMA_BIN,
  CONFIG_FILE,
  BUNDLE_DIR,
  RUN_DIR,
  DEFAULT_PORTS,
  DEFAULT_SERVER_KEY,
  DEFAULT_HTTP_KEY,
  ensureNakama,
  buildNakama,
  assertGo,
  compareVersions,
  ensurePostgres: postgres.ensurePostgres,
  startPrivateCluster: postgres.startPrivateCluster,
  dropDatabase: postgres.dropDatabase,
  startNakama,
  ensureNodeModules,
  buildBundle,
  portFromEnv,
  assertNode,
  redact,
  nakamaArgs,
  migrateArgs,
  withDatabaseName,
  freePort: postgres.freePort,
  freeNakamaPorts,
  isPortFree,
  assertPortFree,
};
