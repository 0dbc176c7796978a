'use strict';
/**
 * Project prerequisites before Nakama starts: Node version, npm dependencies, bundle/index.js.
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { ROOT, BUNDLE_DIR, log } = require('./constants');

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
 * Throws a clear error on Node older than 20 (the tools and the tests use Node 20 APIs).
 * @param {string} [version] defaults to this process's version
 */
function assertNode(version = process.versions.node) {
  if (Number(version.split('.')[0]) < 20) {
    throw new Error(`Node ${version} is too old: this project needs Node 20 or newer (https://nodejs.org/)`);
  }
}

module.exports = { ensureNodeModules, buildBundle, assertNode };
