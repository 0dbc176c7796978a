'use strict';
/**
 * nk.sqlExec and nk.sqlQuery in the harness, on a real PostgreSQL: the harness is synchronous like goja, so
 * each call blocks its thread (Atomics.wait) while a worker thread (./worker.js) runs the statement with
 * node-postgres. Every harness gets a schema of its own (`h_<time>_<pid>_<n>` in the database
 * `nakama_harness`, created when missing) and drops it on dispose. Values come back as Nakama's JS runtime
 * hands over Go's: integers and floats as numbers, text, uuid and numeric as strings, booleans; other types
 * fail loudly (cast them in SQL). Errors read like Nakama's: `failed to exec db query: ERROR: ... (SQLSTATE ...)`.
 *
 * The server: HARNESS_DATABASE_URL, else TEST_DATABASE (set by `npm test`), else DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432 (trust auth, as tools/postgres.js finds it).
 * @module
 */
const path = require('path');
const { Worker, MessageChannel, receiveMessageOnPort } = require('worker_threads');
const { goError, typeError } = require('../errors');

const TIMEOUT_MS = 30000;
let shared = null;
let schemas = 0;

/** The server's address without a database, as postgres://user[:pass]@host:port. */
function baseUrl() {
  const env = process.env;
  const given = env.HARNESS_DATABASE_URL || (env.TEST_DATABASE ? `postgres://${env.TEST_DATABASE}` : env.DATABASE_URL);
  if (!given) return 'postgres://postgres@127.0.0.1:5432';
  const url = new URL(given);
  return `${url.protocol}//${url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : ''}${url.host}`;
}

function worker() {
  if (shared) return shared;
  const { port1, port2 } = new MessageChannel();
  const flag = new SharedArrayBuffer(4);
  const w = new Worker(path.join(__dirname, 'worker.js'), { workerData: { port: port2, flag, baseUrl: baseUrl() }, transferList: [port2] });
  w.unref();
  port1.unref();
  shared = { port: port1, flag: new Int32Array(flag) };
  return shared;
}

/** One request to the worker, answered synchronously. */
function ask(request) {
  const { port, flag } = worker();
  Atomics.store(flag, 0, 0);
  port.postMessage(request);
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    Atomics.wait(flag, 0, 0, 50);
    const got = receiveMessageOnPort(port);
    if (got) return got.message;
    if (Date.now() > deadline) throw new Error(`harness sql: no answer within ${TIMEOUT_MS} ms to ${request.op} ${request.query || ''}`);
  }
}

class SqlConnection {
  constructor() {
    this.schema = `h_${Date.now().toString(36)}_${process.pid}_${++schemas}`;
    this.opened = false;
  }

  call(op, args) {
    if (!this.opened) {
      const opened = ask({ op: 'open', schema: this.schema });
      if (!opened.ok) throw new Error(`harness sql: cannot reach PostgreSQL (${baseUrl()}): ${opened.error}`);
      this.opened = true;
    }
    if (typeof args[0] !== 'string') throw typeError('expects query string');
    let params = [];
    if (args.length > 1 && args[1] !== undefined) {
      if (!Array.isArray(args[1])) throw typeError('expects array of query params');
      params = args[1].map((p) => {
        if (p !== null && typeof p === 'object') throw new Error('harness sql: pass JSON parameters as strings (cast with ::jsonb)');
        return p;
      });
    }
    const answer = ask({ op, schema: this.schema, query: args[0], params });
    if (!answer.ok) throw goError(`failed to exec db query: ${answer.error}`);
    return answer.value;
  }

  close() {
    if (this.opened) ask({ op: 'close', schema: this.schema });
    this.opened = false;
  }
}

module.exports = { SqlConnection };
