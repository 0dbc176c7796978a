#!/usr/bin/env node
'use strict';
/**
 * `npm run replay -- <match id | record.json> [--html out.html]`: re-runs a recorded match in the
 * harness (the same bundle, run the way Nakama runs it), prints the event timeline, and reports
 * whether the final state hash equals the recorded one; --html also writes the visual replay
 * (tools/replay-page). Exit code 0 = identical, 1 = different, 2 = could not replay,
 * 3 = the match was aborted (its server stopped during it): the stored log is replayed, but no final
 * state was recorded to compare with.
 *
 * A match id is fetched from a running server with the admin RPC match_record_get, called
 * server-to-server: NAKAMA_HOST (127.0.0.1), NAKAMA_PORT (7350), NAKAMA_HTTP_KEY (defaulthttpkey).
 */
const fs = require('fs');
const path = require('path');
const { pack } = require('msgpackr');
const { Harness } = require('./harness');

const ROOT = path.resolve(__dirname, '..');
const BUNDLE = path.join(ROOT, 'bundle', 'index.js');
/** A replay that runs this many ticks past its log without ending is stuck. */
const MAX_TICKS = 100000;

/** The record from a file, or from the server by match id. */
async function loadRecord(source) {
  if (fs.existsSync(source)) return JSON.parse(fs.readFileSync(source, 'utf8'));
  const host = process.env.NAKAMA_HOST || '127.0.0.1';
  const port = process.env.NAKAMA_PORT || '7350';
  const key = process.env.NAKAMA_HTTP_KEY || 'defaulthttpkey';
  const res = await fetch(`http://${host}:${port}/v2/rpc/match_record_get?http_key=${encodeURIComponent(key)}&unwrap`, {
    method: 'POST', body: JSON.stringify({ match_id: source }),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`match_record_get ${source}: ${res.status} ${body.message}`);
  return body;
}

/** The record a harness match stored, read back like match_record_get does (head, log and events). */
function storedRecord(h, matchId) {
  try {
    return JSON.parse(h.rpc('match_record_get', { match_id: matchId }, { httpKey: true }));
  } catch (e) {
    if (/no record for match/.test(String(e.message))) return null;
    throw e;
  }
}

/** A logged sender: an index in record.players, or a user id. */
function senderId(record, sender) {
  return typeof sender === 'number' ? record.players[sender].userId : sender;
}

/**
 * Re-run a record: each log entry is applied at its recorded tick (joins and leaves before that
 * tick's loop, messages in it), then the match runs to its end (or is terminated at its end tick).
 * `onTick(match, sent)` sees the match after every tick, with the client messages of that tick
 * (the visual replay draws from it).
 */
async function replay(record, { onProgress = () => {}, onTick = () => {} } = {}) {
  const node = record.match_id.slice(record.match_id.indexOf('.') + 1);
  const h = await Harness.load(BUNDLE, { node, seed: record.seed, env: { LIVE_GAMES_DELIVERY_WORKER: 'off' } });
  try {
    for (const p of record.players) h.createUser({ userId: p.userId, username: p.username });
    h.matchCreate(record.module, record.params, { matchId: record.match_id });
    const match = h.match(record.match_id);
    const step = (sent = []) => {
      match.tick();
      onTick(match, sent);
    };
    const advanceTo = (tick) => { while (!match.ended && match.currentTick < tick) step(); };
    record.log.forEach((entry, i) => {
      advanceTo(entry.tick);
      if (entry.join) {
        for (const userId of entry.join) match.join(userId);
        match.flush();
      } else if (entry.leave) {
        for (const userId of entry.leave) match.leave(userId);
        match.flush();
      } else {
        const sent = entry.messages.map(([sender, opCode, payload]) => ({ userId: senderId(record, sender), opCode, payload }));
        for (const m of sent) match.send(m.userId, m.opCode, new Uint8Array(pack(m.payload)));
        step(sent);
      }
      onProgress(i + 1, record.log.length);
    });
    if (record.ending === 'terminated') {
      advanceTo(record.end_tick);
      if (!match.ended) match.terminate();
    } else if (record.ending === 'over') {
      for (let i = 0; i < MAX_TICKS && !match.ended; i++) step();
      if (!match.ended) throw new Error(`the replayed match did not end within ${MAX_TICKS} ticks of its log`);
    } else if (!match.ended) {
      match.terminate(); // aborted (or still running): the log stops where the record does
    }
    if (match.error) throw new Error(`the match failed in ${match.error.handler}: ${match.error.message}`);
    const replayed = storedRecord(h, record.match_id);
    if (!replayed) throw new Error('the replayed match stored no record');
    return replayed;
  } finally {
    h.dispose();
  }
}

function progressBar(done, total) {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} log entries`;
}

function timeline(events) {
  return events.map((e) => `  tick ${String(e.tick).padStart(5)}  ${e.type.padEnd(16)} ${(e.userId || '(match)').slice(0, 8).padEnd(8)} ${JSON.stringify(e.data)}`);
}

async function main() {
  const args = process.argv.slice(2);
  const htmlAt = args.indexOf('--html');
  const html = htmlAt >= 0 ? args.splice(htmlAt, 2)[1] : null;
  const source = args[0];
  if (!source || (htmlAt >= 0 && !html) || args.length !== 1) {
    console.error('usage: npm run replay -- <match id | record.json> [--html out.html]');
    return 2;
  }
  if (!fs.existsSync(BUNDLE)) require('./nakama').buildBundle();
  // The harness runs the module's SQL (analytics) on the same PostgreSQL `npm start` uses.
  if (!process.env.HARNESS_DATABASE_URL && !process.env.TEST_DATABASE) process.env.HARNESS_DATABASE_URL = `postgres://${(await require('./postgres').ensurePostgres()).address('postgres')}`;
  const record = await loadRecord(source);
  console.log(`match ${record.match_id}: ${record.module} ${record.mode}, ${record.players.length} players, seed ${record.seed}, ${record.log.length} log entries, ended ${record.ending} at tick ${record.end_tick}`);
  const showProgress = record.log.length > 200 && process.stderr.isTTY !== false;
  let shown = -1;
  const onProgress = (done, total) => {
    const percent = Math.floor((done / total) * 50);
    if (showProgress && percent !== shown) {
      shown = percent;
      process.stderr.write(`\r${progressBar(done, total)}`);
    }
  };
  // Required here: tools/replay-page uses replay() from this file.
  const replayed = html ? (await require('./replay-page').writeReplayPage(record, html, { onProgress })).replayed : await replay(record, { onProgress });
  if (showProgress) process.stderr.write('\n');
  if (html) console.log(`wrote the visual replay to ${html}`);
  console.log(`events (${replayed.events.length}):`);
  for (const line of timeline(replayed.events)) console.log(line);
  if (record.ending !== 'over' && record.ending !== 'terminated') {
    console.log(`MATCH ${record.ending.toUpperCase()}: no final state was recorded; the ${record.log.length} stored log entries replayed without failing`);
    return 3;
  }
  const same = replayed.final_state_hash === record.final_state_hash;
  console.log(`recorded final state hash  ${record.final_state_hash}`);
  console.log(`replayed final state hash  ${replayed.final_state_hash}`);
  console.log(same ? 'REPLAY MATCHES: identical final state' : 'REPLAY DIFFERS: the final state is not the recorded one');
  return same ? 0 : 1;
}

if (require.main === module) {
  main().then((code) => process.exit(code), (err) => {
    console.error(`replay failed: ${err.message}`);
    process.exit(2);
  });
}

module.exports = { senderId, replay, loadRecord, storedRecord };
