#!/usr/bin/env node
'use strict';
/**
 * `npm run bench -- bench/<name>.ts [args]`: compiles the TypeScript benchmarks (tsconfig.bench.json,
 * into .run/bench) and runs one with Node. Benchmarks print figures; they are not tests.
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const [file, ...args] = process.argv.slice(2);
if (!file || !file.endsWith('.ts')) {
  console.error('usage: npm run bench -- bench/<name>.ts [args]');
  process.exit(2);
}
require('./nakama/typings').ensureRuntimeTypings(); // the benchmarks type-check against them
/** tsconfig.bench.json's outDir. */
const OUT = path.join(ROOT, '.run', 'bench');
const tsc = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.bench.json'], { cwd: ROOT, stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status || 1);
// The compiled tree reaches the repository's JavaScript tools, the client package (built into
// client/dist; test/support imports it as a package) and its generated schemas by the same relative
// paths as its sources.
if (!fs.existsSync(path.join(ROOT, 'client', 'dist'))) {
  const built = spawnSync(process.execPath, [path.join(ROOT, 'tools', 'build-client.js')], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status || 1);
}
for (const dir of ['tools', 'client']) {
  const link = path.join(OUT, dir);
  if (fs.existsSync(link) && fs.lstatSync(link).isSymbolicLink()) continue;
  fs.rmSync(link, { recursive: true, force: true });
  fs.symlinkSync(path.join(ROOT, dir), link, 'dir');
}
const compiled = path.join(OUT, file.replace(/\.ts$/, '.js'));
const run = spawnSync(process.execPath, [compiled, ...args], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') } });
process.exit(run.status === null ? 1 : run.status);
