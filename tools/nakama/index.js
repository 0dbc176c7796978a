'use strict';
/**
 * Builds, starts and stops a local Nakama 3.40 server without Docker.
 * Used by tools/start.js (`npm start`), tools/test.js (`npm test`) and the unit tests that keep
 * docker-compose.yml in step with these flags.
 *
 * Plain CommonJS with Node built-ins only: it runs before `npm ci`.
 *
 * Layout: constants.js (versions, paths, defaults), build.js (Go check, build, ensureNakama),
 * ports.js, server.js (flags, startNakama), processes.js (child process and HTTP helpers),
 * address.js (database addresses), setup.js (Node, npm ci, bundle build); PostgreSQL is
 * tools/postgres.js.
 */
const postgres = require('../postgres');
const {
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
} = require('./constants');
const { ensureNakama, buildNakama, assertGo, compareVersions } = require('./build');
const { isPortFree, assertPortFree, freeNakamaPorts, portFromEnv } = require('./ports');
const { nakamaArgs, migrateArgs, startNakama } = require('./server');
const { withDatabaseName, redact } = require('./address');
const { ensureNodeModules, buildBundle, assertNode } = require('./setup');

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
