#!/usr/bin/env node
'use strict';
/**
 * `npm run build:client`: regenerates client/rpc-types.ts and client/schemas/ from the built bundle
 * and the sources (tools/client-types), compiles client/ into client/dist and packs the package
 * into .run/ (`npm pack`), printing the tarball's path and size.
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { writeGenerated } = require('./client-types');

const ROOT = path.resolve(__dirname, '..');
const CLIENT = path.join(ROOT, 'client');
const PACK_DIR = path.join(ROOT, '.run');

function run(command, args, cwd) {
  const res = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (res.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${res.status}):\n${res.stdout}`);
  return res.stdout;
}

/**
 * Builds and packs the client; returns the tarball's path. `regenerate: false` packs the committed
 * generated files as they are (a test that must not rewrite files other tests read).
 */
function buildClient({ regenerate = true } = {}) {
  const generated = regenerate ? `${writeGenerated()} generated files` : 'generated files as committed';
  fs.rmSync(path.join(CLIENT, 'dist'), { recursive: true, force: true });
  run(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', path.join(CLIENT, 'tsconfig.json')], ROOT);
  fs.mkdirSync(PACK_DIR, { recursive: true });
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', PACK_DIR], CLIENT));
  const tarball = path.join(PACK_DIR, packed.filename);
  console.log(`[client] ${generated}; packed ${path.relative(ROOT, tarball)}: ${packed.size} bytes (${packed.unpackedSize} unpacked, ${packed.entryCount} files)`);
  return tarball;
}

if (require.main === module) buildClient();

module.exports = { buildClient };
