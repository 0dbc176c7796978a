'use strict';
/**
 * Finds or starts the PostgreSQL that Nakama stores its data in.
 *
 * Plain CommonJS with Node built-ins only: it runs before `npm ci`.
 *
 * Order (ensurePostgres):
 *   1. DATABASE_URL (postgres://user:pass@host:port/db?params), used as given;
 *   2. a server already listening on 127.0.0.1:5432 (PGPROBE_HOST / PGPROBE_PORT override the probe),
 *      used as user `postgres` with trust authentication (Debian's default for local TCP is
 *      scram/md5, so a password-protected local server needs DATABASE_URL instead);
 *   3. a private cluster under .data/postgres, created and started from Debian's postgresql
 *      binaries (installed with apt-get when missing and we are root).
 *
 * Addresses are in Nakama's `database.address` format: `user[:pass]@host:port[/db][?params]`.
 */
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { spawnSync } = require('child_process');
const { aptInstall, canAptInstall } = require('./apt');

const ROOT = path.resolve(__dirname, '..');
const PRIVATE_DATA_DIR = path.join(ROOT, '.data', 'postgres');

/**
 * @typedef {object} PostgresHandle
 * @property {'DATABASE_URL'|'local'|'private'} source where the server came from
 * @property {string} base Nakama address without database name, e.g. `postgres@127.0.0.1:5432`
 * @property {string} params query string without `?` (e.g. `sslmode=disable`), may be empty
 * @property {(dbName: string) => string} address full Nakama address for one database
 * @property {() => void} stop stops the private cluster if this handle started it; no-op otherwise
 */

/** @param {string} msg */
function log(msg) {
  console.log(`[postgres] ${msg}`);
}

/**
 * Resolves with a port the OS considers free on 127.0.0.1 right now.
 * (Another process may take it before we use it; callers still get a clear error then.)
 * @returns {Promise<number>}
 */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * True when something accepts TCP connections on host:port within timeoutMs.
 * @param {string} host
 * @param {number} port
 * @param {number} [timeoutMs]
 * @returns {Promise<boolean>}
 */
function probeTcp(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Builds a handle for a server that is not ours to stop.
 * @param {PostgresHandle['source']} source
 * @param {string} base
 * @param {string} params
 * @param {() => void} [stop]
 * @returns {PostgresHandle}
 */
function makeHandle(source, base, params, stop = () => {}) {
  return {
    source,
    base,
    params,
    address: (dbName) => `${base}/${dbName}${params ? `?${params}` : ''}`,
    stop,
  };
}

/**
 * Converts a libpq-style URL into Nakama's address base (no scheme, no database name).
 * The query string (sslmode etc.) is kept because Nakama passes it on to pgx.
 * @param {string} databaseUrl e.g. `postgres://nakama:secret@db:5432/nakama?sslmode=disable`
 * @returns {{ base: string, params: string, database: string }}
 */
function parseDatabaseUrl(databaseUrl) {
  let url;
  try {
    url = new URL(databaseUrl);
  } catch (err) {
    throw new Error(`DATABASE_URL is not a URL: ${databaseUrl}`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new Error(`DATABASE_URL must start with postgres:// or postgresql://, got ${url.protocol}//`);
  }
  if (!url.hostname) throw new Error('DATABASE_URL has no host');
  // URL keeps user and password percent-encoded, which is what Nakama's url.Parse expects back.
  const user = url.username || 'postgres';
  const auth = url.password ? `${user}:${url.password}` : user;
  const base = `${auth}@${url.host.includes(':') ? url.host : `${url.host}:5432`}`;
  return { base, params: url.search.replace(/^\?/, ''), database: decodeURIComponent(url.pathname.slice(1)) };
}

/**
 * Finds the PostgreSQL server binaries (initdb, pg_ctl, psql): newest /usr/lib/postgresql/N/bin
 * (Debian/Ubuntu layout, not on PATH), else whatever initdb is on PATH.
 * @returns {string|null} the bin directory
 */
function findPostgresBinDir() {
  const debianRoot = '/usr/lib/postgresql';
  if (fs.existsSync(debianRoot)) {
    const versions = fs
      .readdirSync(debianRoot)
      .filter((v) => fs.existsSync(path.join(debianRoot, v, 'bin', 'initdb')))
      .sort((a, b) => parseFloat(b) - parseFloat(a));
    if (versions.length > 0) return path.join(debianRoot, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return path.dirname(fs.realpathSync(which.stdout.trim()));
  return null;
}

/** @returns {string|null} path of psql, or null if not installed */
function findPsql() {
  const which = spawnSync('sh', ['-c', 'command -v psql'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  const binDir = findPostgresBinDir();
  if (binDir && fs.existsSync(path.join(binDir, 'psql'))) return path.join(binDir, 'psql');
  return null;
}

/** Installs Debian's postgresql package (root only): the fallback when no server is reachable. */
function installPostgresPackage() {
  if (!canAptInstall()) {
    throw new Error(
      'No PostgreSQL found: nothing listens on 127.0.0.1:5432, DATABASE_URL is not set and the ' +
        'postgresql server binaries are not installed.\n' +
        'Fix one of: set DATABASE_URL=postgres://user:pass@host:5432/postgres, start PostgreSQL on ' +
        '127.0.0.1:5432, or install it (Debian/Ubuntu: sudo apt-get install -y postgresql).',
    );
  }
  log('PostgreSQL binaries missing: apt-get install -y postgresql (root, one time)');
  aptInstall('postgresql');
}

/**
 * Runs a PostgreSQL binary. PostgreSQL refuses to run as root, so as root we run it as the
 * `postgres` system user (created by Debian's package) via runuser.
 * @param {string} bin absolute path
 * @param {string[]} args
 * @returns {import('child_process').SpawnSyncReturns<string>}
 */
function runPg(bin, args) {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  // cwd '/' because runuser keeps the cwd and the postgres user may not be allowed to enter ours.
  return spawnSync(cmd, argv, { encoding: 'utf8', cwd: '/' });
}

/**
 * Picks the data directory: .data/postgres, unless (as root) the postgres user cannot reach it,
 * e.g. the repo lives under /root (mode 700). Then a per-repo directory in the temp dir is used.
 * @param {string} preferred
 * @returns {string}
 */
function prepareDataDir(preferred) {
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const candidates = [
    preferred,
    path.join(os.tmpdir(), `nakama-postgres-${crypto.createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}`),
  ];
  for (const dir of candidates) {
    // Parents keep the default mode so the postgres user can traverse them; only dir is private.
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    if (!fs.existsSync(dir)) fs.mkdirSync(dir, { mode: 0o700 });
    if (!asRoot) return dir;
    spawnSync('chown', ['-R', 'postgres:postgres', dir]);
    fs.chmodSync(dir, 0o700); // initdb and postgres insist on 0700/0750
    if (spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-w', dir], { cwd: '/' }).status === 0) return dir;
    log(`the postgres user cannot write ${dir}; trying the next location`);
  }
  throw new Error(`no data directory usable by the postgres user (tried ${candidates.join(', ')})`);
}

/**
 * If a cluster is already running from dataDir (e.g. another `npm start`), returns its port.
 * @param {string} binDir
 * @param {string} dataDir
 * @returns {number|null}
 */
function runningClusterPort(binDir, dataDir) {
  if (runPg(path.join(binDir, 'pg_ctl'), ['-D', dataDir, 'status']).status !== 0) return null;
  // postmaster.pid line 4 is the port (documented layout, see the PostgreSQL storage docs).
  const lines = fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  const port = Number(lines[3]);
  return Number.isInteger(port) && port > 0 ? port : null;
}

/**
 * Creates (first time) and starts a private PostgreSQL cluster on 127.0.0.1 at a free port,
 * trust auth, superuser `postgres`, unix sockets inside the data dir (no /var/run access needed).
 * If the cluster is already running, reuses it and leaves it running on stop().
 * @param {{ dataDir?: string, port?: number }} [options]
 * @returns {Promise<PostgresHandle>}
 */
async function startPrivateCluster(options = {}) {
  let binDir = findPostgresBinDir();
  if (!binDir) {
    installPostgresPackage();
    binDir = findPostgresBinDir();
    if (!binDir) throw new Error('apt-get installed postgresql but no initdb was found under /usr/lib/postgresql');
  }
  const dataDir = prepareDataDir(options.dataDir || PRIVATE_DATA_DIR);
  const params = 'sslmode=disable';

  const runningPort = runningClusterPort(binDir, dataDir);
  if (runningPort) {
    log(`reusing the private cluster already running in ${dataDir} on port ${runningPort}`);
    return makeHandle('private', `postgres@127.0.0.1:${runningPort}`, params);
  }

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initdb ${dataDir} (${binDir})`);
    const init = runPg(path.join(binDir, 'initdb'), [
      '-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-locale', '--no-sync',
    ]);
    if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}${init.stderr}`);
  }

  const port = options.port || (await freePort());
  const started = Date.now();
  const pgCtl = path.join(binDir, 'pg_ctl');
  // Unix sockets go in the data dir (the default /var/run/postgresql may not be writable). Socket
  // paths are limited to ~107 bytes; for deep checkouts we switch them off: Nakama uses TCP anyway.
  const socketDir = `${dataDir}/.s.PGSQL.${port}`.length < 100 ? dataDir : '';
  const start = runPg(pgCtl, [
    '-D', dataDir, '-l', path.join(dataDir, 'server.log'), '-w', '-t', '60',
    // pg_ctl hands -o to /bin/sh, hence the quotes.
    '-o', `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories='${socketDir}'`,
    'start',
  ]);
  if (start.status !== 0) {
    const logTail = readTail(path.join(dataDir, 'server.log'), 20);
    throw new Error(`pg_ctl start failed:\n${start.stdout}${start.stderr}\n${logTail}`);
  }
  log(`private cluster started on 127.0.0.1:${port} in ${Date.now() - started} ms (data: ${dataDir})`);

  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    const res = runPg(pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    if (res.status === 0) log('private cluster stopped');
    else log(`pg_ctl stop failed: ${res.stderr.trim()}`);
  };
  return makeHandle('private', `postgres@127.0.0.1:${port}`, params, stop);
}

/**
 * Finds a PostgreSQL for Nakama (see the file comment for the order).
 * @param {{ env?: NodeJS.ProcessEnv, dataDir?: string }} [options]
 * @returns {Promise<PostgresHandle>}
 */
async function ensurePostgres(options = {}) {
  const env = options.env || process.env;
  if (env.DATABASE_URL) {
    const { base, params } = parseDatabaseUrl(env.DATABASE_URL);
    log(`using DATABASE_URL (${base.replace(/:[^@]*@/, ':***@')})`);
    return makeHandle('DATABASE_URL', base, params);
  }
  const host = env.PGPROBE_HOST || '127.0.0.1';
  const port = Number(env.PGPROBE_PORT || 5432);
  if (await probeTcp(host, port)) {
    log(`using the PostgreSQL listening on ${host}:${port} (user postgres)`);
    return makeHandle('local', `postgres@${host}:${port}`, 'sslmode=disable');
  }
  log(`nothing listens on ${host}:${port}; starting a private cluster`);
  return startPrivateCluster({ dataDir: options.dataDir });
}

/**
 * Drops one database. Needs psql; without it the database is left behind (returns false).
 * Nakama must be stopped first (open connections block DROP DATABASE).
 * @param {string} address Nakama address including the database name
 * @returns {boolean} true if dropped (or already absent)
 */
function dropDatabase(address) {
  const url = new URL(/^postgres(ql)?:\/\//.test(address) ? address : `postgres://${address}`);
  const dbName = decodeURIComponent(url.pathname.slice(1));
  if (!dbName) throw new Error(`dropDatabase: no database name in ${address}`);
  const psql = findPsql();
  if (!psql) {
    log(`psql not found: database ${dbName} was not dropped`);
    return false;
  }
  url.pathname = '/postgres';
  const sql = `DROP DATABASE IF EXISTS "${dbName.replace(/"/g, '""')}"`;
  const res = spawnSync(psql, [url.toString(), '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
    encoding: 'utf8',
    timeout: 30000,
  });
  if (res.status !== 0) {
    log(`could not drop database ${dbName}: ${(res.stderr || '').trim()}`);
    return false;
  }
  return true;
}

/**
 * Last lines of a text file ('' if missing).
 * @param {string} file
 * @param {number} lines
 */
function readTail(file, lines) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

module.exports = {
  PRIVATE_DATA_DIR,
  ensurePostgres,
  startPrivateCluster,
  parseDatabaseUrl,
  dropDatabase,
  findPsql,
  findPostgresBinDir,
  probeTcp,
  freePort,
  readTail,
};
