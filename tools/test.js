#!/usr/bin/env node
'use strict';
/**
 * `npm test [-- jest args]`: builds the bundle, starts a PRIVATE Nakama (free ports, never 7350,
 * fresh database, log in .run/test-nakama.log), runs jest against it, stops everything and exits
 * with jest's exit code.
 *
 * Jest sees: NAKAMA_HOST, NAKAMA_PORT, NAKAMA_SERVER_KEY, NAKAMA_HTTP_KEY, NAKAMA_CONSOLE_PORT,
 * NAKAMA_LOG, and TEST_DATABASE (a database address on the same PostgreSQL, for fault tests).
 * TEST_DATABASE_PREFIX (default `nakama`) names the databases, so two checkouts can test at once. A Nakama that cannot start fails the run (exit 1) with the tail of its log.
 * Plain Node built-ins only: it runs before `npm ci`.
 */
const path = require('path');

const DB_PREFIX = process.env.TEST_DATABASE_PREFIX || 'nakama';
const { spawn } = require('child_process');
const nakama = require('./nakama');

const LOG_FILE = path.join(nakama.RUN_DIR, 'test-nakama.log');
const RESULTS_FILE = path.join(nakama.RUN_DIR, 'jest-results.json');

/** The plain closing line CI reads ('N passed, N failed'), from jest's JSON results. */
function summaryLine() {
  try {
    const r = JSON.parse(require('fs').readFileSync(RESULTS_FILE, 'utf8'));
    return `${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : '');
  } catch (err) {
    return null;
  }
}

/** @param {number} ms */
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  nakama.assertNode();
  const timings = {};
  let pg = null;
  let server = null;
  let jest = null;
  let interrupted = false;

  const cleanup = async () => {
    if (server) await server.stop();
    server = null;
    if (pg) pg.stop();
    pg = null;
  };
  const onSignal = (signal) => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n[test] ${signal}: stopping`);
    // Jest usually got the terminal's Ctrl-C too; forward it for `kill -INT <our pid>`.
    // The normal path below then stops Nakama once jest has exited.
    if (jest && jest.exitCode === null) jest.kill(signal);
    else cleanup().then(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  try {
    nakama.ensureNodeModules();
    timings.build = nakama.buildBundle();
    require('./chromium').ensureChromium(); // the visual replay's browser test

    const readyStart = Date.now();
    const binPath = nakama.ensureNakama();
    pg = await nakama.ensurePostgres();
    const ports = await nakama.freeNakamaPorts();
    server = await nakama.startNakama({
      name: 'nakama-test',
      binPath,
      database: pg.address(`${DB_PREFIX}_test`),
      freshDatabase: true,
      ports,
      logFile: LOG_FILE,
      serverKey: process.env.NAKAMA_SERVER_KEY || nakama.DEFAULT_SERVER_KEY,
      httpKey: process.env.NAKAMA_HTTP_KEY || nakama.DEFAULT_HTTP_KEY,
      listenAddress: '127.0.0.1',
      // The test clock seam (core/clock.ts): tests move one player's day; npm start never enables it.
      extraArgs: ['--runtime.env', 'LIVE_GAMES_TEST_CLOCK=enabled'],
    });
    timings.nakama = Date.now() - readyStart;
    if (interrupted) throw new Error('interrupted');
    console.log(`[test] private Nakama on 127.0.0.1:${server.apiPort}, log ${path.relative(process.cwd(), LOG_FILE)}`);

    const jestStart = Date.now();
    require('fs').rmSync(RESULTS_FILE, { force: true });
    const jestArgs = [...process.argv.slice(2), '--json', `--outputFile=${RESULTS_FILE}`];
    jest = spawn(path.join(nakama.ROOT, 'node_modules', '.bin', 'jest'), jestArgs, {
      cwd: nakama.ROOT,
      stdio: 'inherit',
      env: {
        ...process.env,
        NAKAMA_HOST: '127.0.0.1',
        NAKAMA_PORT: String(server.apiPort),
        NAKAMA_CONSOLE_PORT: String(server.consolePort),
        NAKAMA_METRICS_PORT: String(ports.metrics),
        NAKAMA_SERVER_KEY: server.serverKey,
        NAKAMA_HTTP_KEY: server.httpKey,
        NAKAMA_LOG: LOG_FILE,
        // Fault tests start Nakamas of their own on this PostgreSQL (test/integration/support/fault-server.ts).
        TEST_DATABASE: pg.address(`${DB_PREFIX}_faults`),
      },
    });
    const exitCode = await new Promise((resolve) => {
      jest.once('error', (err) => {
        console.error(`[test] could not run jest: ${err.message}`);
        resolve(1);
      });
      jest.once('exit', (code, signal) => resolve(code === null ? (signal ? 130 : 1) : code));
    });
    timings.jest = Date.now() - jestStart;

    await cleanup();
    console.log(
      `[test] timings: bundle ${seconds(timings.build)}, nakama ready ${seconds(timings.nakama)}, ` +
        `jest ${seconds(timings.jest)}. Nakama log: ${LOG_FILE}`,
    );
    const summary = summaryLine();
    if (summary) console.log(summary);
    return interrupted && exitCode === 0 ? 130 : exitCode;
  } catch (err) {
    await cleanup();
    throw err;
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`\n[test] FAILED: ${err.message}`);
    process.exit(1);
  },
);
