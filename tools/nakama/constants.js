'use strict';
/**
 * Versions, paths and defaults shared by the Nakama tools, and their `[nakama]` logger.
 */
const path = require('path');

// One folder deeper than tools/: the repository root is two levels up.
const ROOT = path.resolve(__dirname, '..', '..');
const NAKAMA_VERSION = '3.40.0';
const NAKAMA_MODULE = 'github.com/heroiclabs/nakama/v3';
/** Nakama 3.40's go.mod says `go 1.26.5`. */
const MIN_GO_VERSION = '1.26.5';
const NAKAMA_BIN = path.join(ROOT, '.tools', 'bin', 'nakama');
const CONFIG_FILE = path.join(ROOT, 'config', 'nakama.yml');
const BUNDLE_DIR = path.join(ROOT, 'bundle');
const RUN_DIR = path.join(ROOT, '.run');
/** Nakama derives gRPC = socket.port - 1; there is no flag for it. */
const DEFAULT_PORTS = Object.freeze({ grpc: 7349, api: 7350, console: 7351, metrics: 9100 });
const DEFAULT_SERVER_KEY = 'defaultkey';
const DEFAULT_HTTP_KEY = 'defaulthttpkey';
const READY_TIMEOUT_MS = 60000;
const STOP_TIMEOUT_MS = 10000;

/** @param {string} msg */
function log(msg) {
  console.log(`[nakama] ${msg}`);
}

module.exports = {
  ROOT,
  NAKAMA_VERSION,
  NAKAMA_MODULE,
  MIN_GO_VERSION,
  NAKAMA_BIN,
  CONFIG_FILE,
  BUNDLE_DIR,
  RUN_DIR,
  DEFAULT_PORTS,
  DEFAULT_SERVER_KEY,
  DEFAULT_HTTP_KEY,
  READY_TIMEOUT_MS,
  STOP_TIMEOUT_MS,
  log,
};
