'use strict';
/**
 * The PostgreSQL side of the harness's nk.sqlExec / nk.sqlQuery (see ./index.js): one worker thread per
 * process, one connection per harness, each in its own schema of the database `nakama_harness`.
 * Requests arrive on a MessagePort while the harness thread blocks on `flag` (Atomics.wait); every answer
 * is posted, then `flag` is set and notified.
 * @module
 */
const { workerData } = require('worker_threads');
const { Client } = require('pg');

/** Go's database/sql values as Nakama's JS runtime hands them over, by PostgreSQL type oid (others: see convert). */
const NUMBER = new Set([20, 21, 23, 700, 701]); // int8 int2 int4 float4 float8: Go int64 / float64
const STRING = new Set([25, 1043, 1042, 19, 2950, 1700]); // text varchar bpchar name uuid numeric: Go string
const BOOL = 16;
// Raw text for everything: converted below by oid, so no pg default (Date, parsed JSON) leaks in.
const raw = (v) => v;
const typeParsers = { getTypeParser: () => raw };

const { port, flag, baseUrl } = workerData;
const flagView = new Int32Array(flag);
/** @type {Map<string, Client>} */
const clients = new Map();
let ready = null;

/** Create the harness database once (several processes may race to). */
async function ensureDatabase() {
  const admin = new Client({ connectionString: `${baseUrl}/postgres`, types: typeParsers });
  await admin.connect();
  try {
    await admin.query('CREATE DATABASE nakama_harness');
  } catch (e) {
    if (e.code !== '42P04' && e.code !== '23505') throw e; // exists already (or created at the same moment)
  } finally {
    await admin.end();
  }
  // Schemas of harnesses that were never disposed (a crashed run), older than an hour.
  const c = new Client({ connectionString: `${baseUrl}/nakama_harness`, types: typeParsers });
  await c.connect();
  try {
    const { rows } = await c.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'h\\_%'");
    const hourAgo = Date.now() - 3600 * 1000;
    for (const { nspname } of rows) {
      const born = parseInt(nspname.split('_')[1], 36);
      if (born < hourAgo) await c.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
    }
  } finally {
    await c.end();
  }
}

function convert(value, oid, column) {
  if (value === null) return null;
  if (NUMBER.has(oid)) return Number(value);
  if (oid === BOOL) return value === 't';
  if (STRING.has(oid)) return value;
  throw new Error(`harness: column ${column} has PostgreSQL type oid ${oid}, which Nakama hands over as a Go value a module cannot use directly (time.Time, []byte...); cast it in SQL (::text, ::bigint)`);
}

function pgError(e) {
  return e.code ? `ERROR: ${e.message} (SQLSTATE ${e.code})` : e.message;
}

async function handle(req) {
  if (req.op === 'open') {
    if (!ready) ready = ensureDatabase();
    await ready;
    const c = new Client({ connectionString: `${baseUrl}/nakama_harness`, types: typeParsers });
    await c.connect();
    await c.query(`CREATE SCHEMA "${req.schema}"`);
    await c.query(`SET search_path TO "${req.schema}"`);
    clients.set(req.schema, c);
    return null;
  }
  const c = clients.get(req.schema);
  if (!c) throw new Error(`harness: no sql connection for ${req.schema}`);
  if (req.op === 'close') {
    clients.delete(req.schema);
    await c.query(`DROP SCHEMA IF EXISTS "${req.schema}" CASCADE`);
    await c.end();
    return null;
  }
  const result = await c.query({ text: req.query, values: req.params, rowMode: 'array' });
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  if (req.op === 'exec') return { rowsAffected: Array.isArray(result) ? result.reduce((n, r) => n + (r.rowCount || 0), 0) : last.rowCount || 0 };
  return last.rows.map((row) => {
    const out = {};
    last.fields.forEach((f, i) => { out[f.name] = convert(row[i], f.dataTypeID, f.name); });
    return out;
  });
}

port.on('message', async (req) => {
  let answer;
  try {
    answer = { ok: true, value: await handle(req) };
  } catch (e) {
    answer = { ok: false, error: pgError(e) };
  }
  port.postMessage(answer);
  Atomics.store(flagView, 0, 1);
  Atomics.notify(flagView, 0);
});
