'use strict';
/**
 * Installs a Debian package for the tools (PostgreSQL when none runs, Chromium for the browser tests).
 */
const { spawnSync } = require('child_process');

/** Whether apt-get can install here: we are root and it exists. */
function canAptInstall() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  return isRoot && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
}

/** apt-get update, then install the package without recommends; throws naming the failed step. */
function aptInstall(pkg) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', pkg]]) {
    const res = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (res.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed (exit ${res.status})`);
  }
}

module.exports = { canAptInstall, aptInstall };
