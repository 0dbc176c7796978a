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
 * address.js (database addresses), setup.js (Node, npm ci, bundle build), typings.js (Nakama's
 * official runtime typings); PostgreSQL is
 * tools/postgres.js.
 */
const { ensurePostgres, startPrivateCluster, dropDatabase, freePort } = require('../postgres');

// Everything each part exports, plus the PostgreSQL helpers the scripts need.
module.exports = {
  ...require('./constants'),
  ...require('./build'),
  ...require('./ports'),
  ...require('./server'),
  ...require('./address'),
  ...require('./setup'),
  ...require('./typings'),
  ensurePostgres,
  startPrivateCluster,
  dropDatabase,
  freePort,
};
