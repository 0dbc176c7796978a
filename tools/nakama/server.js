'use strict';
/**
 * Starts and stops a local Nakama server: its command-line flags, `migrate up`, start-up and
 * readiness, and an orderly stop.
 */
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const postgres = require('../postgres');
const {
  CONFIG_FILE,
  BUNDLE_DIR,
  RUN_DIR,
  DEFAULT_PORTS,
  DEFAULT_SERVER_KEY,
  DEFAULT_HTTP_KEY,
  READY_TIMEOUT_MS,
  STOP_TIMEOUT_MS,
  log,
} = require('./constants');
const { ensureNakama } = require('./build');
const { assertPortFree } = require('./ports');
const { withDatabaseName, databaseNameOf, redact } = require('./address');
const { runCollect, lastLines, waitForExitAfter, waitUntilReady } = require('./processes');

/**
 * The command-line flags for `nakama` (the server), shared by the local scripts and, for the
 * flags they have in common, mirrored by docker-compose.yml (test/unit/docker-compose.test.ts).
 * @param {{ name: string, database: string, runtimePath: string, apiPort: number,
 *   consolePort: number, metricsPort: number, serverKey: string, httpKey: string, configFile?: string,
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
    // Prometheus exposition of Nakama's and the module's metrics (nk.metrics*): GET /metrics.
    '--metrics.prometheus_port', String(o.metricsPort),
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
  await assertPortFree(ports.metrics, 'NAKAMA_METRICS_PORT');

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
      name, database, runtimePath, apiPort, consolePort: ports.console, metricsPort: ports.metrics, serverKey, httpKey, dataDir,
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

module.exports = { nakamaArgs, migrateArgs, startNakama };
