'use strict';
/**
 * Builds the project-local Nakama binary from source (Go required) and reuses it when current.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { ROOT, NAKAMA_VERSION, NAKAMA_MODULE, MIN_GO_VERSION, NAKAMA_BIN, log } = require('./constants');

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
 * `go mod download -json` of one module version, run outside the repo so no go.mod or go.work around
 * us changes module resolution; throws with Go's message on failure.
 * @param {string} moduleVersion e.g. 'github.com/heroiclabs/nakama/v3@v3.40.0'
 * @returns {{ Dir: string, GoMod: string, Origin?: { Hash?: string } }}
 */
function goModDownload(moduleVersion) {
  const res = spawnSync('go', ['mod', 'download', '-json', moduleVersion], {
    encoding: 'utf8',
    cwd: os.tmpdir(),
    env: { ...process.env, GOWORK: 'off' },
  });
  if (res.error) throw new Error(`go mod download ${moduleVersion}: ${res.error.message} (is Go installed? https://go.dev/dl/)`);
  let info = {};
  try {
    info = JSON.parse(res.stdout);
  } catch {
    // reported below with Go's own message
  }
  if (res.status !== 0 || !info.Dir) throw new Error(`go mod download ${moduleVersion} failed:\n${info.Error || ''}${res.stderr}`);
  return info;
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
  const info = goModDownload(`${NAKAMA_MODULE}@v${NAKAMA_VERSION}`);
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

module.exports = { compareVersions, assertGo, nakamaVersion, goModDownload, buildNakama, ensureNakama };
