'use strict';
/**
 * Leaderboards (core_leaderboard.go, leaderboard_cache.go, leaderboard_rank_cache.go and the argument handling of
 * runtime_javascript_nakama.go): nk.leaderboardCreate, leaderboardRecordWrite, leaderboardRecordsList,
 * leaderboardRecordsHaystack (without a cursor).
 * - Create is idempotent by id (a repeated create with other settings is ignored). Reset schedules are kept but
 *   not applied: records never expire (every record has expiry 0), so a test of a reset runs on the real server.
 * - Writes follow the SQL of LeaderboardRecordWrite: insert, or update by the operator (best/set/incr/decr) only
 *   when its filter passes (an unchanged record keeps num_score, metadata and username); scores must stay >= 0.
 * - Order: score, then subscore, then owner id, all descending for 'desc' boards (ascending for 'asc'). Listed
 *   records get positional ranks; owner records and written records get their rank only when the board was created
 *   with enableRanks (Nakama's rank cache), else 0.
 * - Cursors are keyset cursors like Nakama's, but encoded as base64url JSON instead of gob (opaque either way).
 * @module
 */
const { NkError, typeError, goError } = require('../errors');
const { getString, getInt, getBool, isUndef, isNil, isMap, sliceOfStrings, parseUuid } = require('./args');
const { goJsonMarshal, goStringCompare } = require('../gofmt');

const OPERATORS = { best: 'best', set: 'set', incr: 'incr', increment: 'incr', decr: 'decr', decrement: 'decr' };
const ERR_NOT_FOUND = 'leaderboard not found';
const ERR_CURSOR = 'leaderboard cursor invalid';
const ERR_VARCHAR = 'ERROR: value too long for type character varying(128) (SQLSTATE 22001)';
const checkViolation = (column) => `ERROR: new row for relation "leaderboard_record" violates check constraint "leaderboard_record_${column}_check" (SQLSTATE 23514)`;

/** @type {WeakMap<import('./state').NkState, Map<string, any>>} leaderboards of each harness */
const BOARDS = new WeakMap();

/**
 * @param {import('./state').NkState} state
 * @returns {Map<string, any>} id -> {id, authoritative, sortOrder, operator, metadataJson, enableRanks, createTime, records}
 */
function boardsOf(state) {
  let boards = BOARDS.get(state);
  if (!boards) {
    boards = new Map();
    BOARDS.set(state, boards);
  }
  return boards;
}

/**
 * Leaderboard order: negative when a ranks before b.
 * @param {any} board
 * @param {{score: number, subscore: number, ownerId: string}} a
 * @param {{score: number, subscore: number, ownerId: string}} b
 */
function compare(board, a, b) {
  const asc = a.score - b.score || a.subscore - b.subscore || goStringCompare(a.ownerId, b.ownerId);
  return board.sortOrder === 'asc' ? asc : -asc;
}

/** @param {any} board */
const sorted = (board) => [...board.records.values()].sort((a, b) => compare(board, a, b));

/**
 * The rank cache's answer: 1-based position, or 0 when ranks are off for the board or the owner has no record.
 * @param {any} board
 * @param {string} ownerId
 */
function cachedRank(board, ownerId) {
  if (!board.enableRanks || !board.records.has(ownerId)) return 0;
  return sorted(board).findIndex((r) => r.ownerId === ownerId) + 1;
}

/**
 * leaderboardRecordToJsMap.
 * @param {any} r
 * @param {string} leaderboardId
 * @param {number} rank
 */
const recordOut = (r, leaderboardId, rank) => ({
  leaderboardId, ownerId: r.ownerId, username: r.username, score: r.score, subscore: r.subscore, numScore: r.numScore,
  maxNumScore: 0, metadata: JSON.parse(r.metadataJson), createTime: r.createTime, updateTime: r.updateTime, expiryTime: null, rank,
});

/**
 * An optional metadata argument as JSON ('' when absent).
 * @param {unknown[]} args
 * @param {number} i
 * @param {(msg: string) => Error} marshalError
 */
function metadataArg(args, i, marshalError) {
  if (isNil(args, i)) return '';
  if (!isMap(args[i])) throw typeError('expects metadata to be an object');
  try {
    return goJsonMarshal(args[i]);
  } catch (e) {
    throw marshalError(`error encoding metadata: ${/** @type {Error} */ (e).message}`);
  }
}

/**
 * The record after a write, or null when the operator's filter leaves the stored one unchanged.
 * @param {any} board
 * @param {any} old stored record
 * @param {string} operator
 * @param {number} score
 * @param {number} subscore
 */
function updated(board, old, operator, score, subscore) {
  switch (operator) {
    case 'incr':
      return score !== 0 || subscore !== 0 ? { score: old.score + score, subscore: old.subscore + subscore } : null;
    case 'decr':
      return score !== 0 || subscore !== 0 ? { score: Math.max(old.score - score, 0), subscore: Math.max(old.subscore - subscore, 0) } : null;
    case 'set':
      return old.score !== score || old.subscore !== subscore ? { score, subscore } : null;
    default:
      if (board.sortOrder === 'asc') {
        return old.score > score || old.subscore > subscore ? { score: Math.min(old.score, score), subscore: Math.min(old.subscore, subscore) } : null;
      }
      return old.score < score || old.subscore < subscore ? { score: Math.max(old.score, score), subscore: Math.max(old.subscore, subscore) } : null;
  }
}

/**
 * @param {string} id
 * @param {any} c
 */
const encodeCursor = (id, c) => Buffer.from(JSON.stringify({ l: id, n: c.isNext, s: c.score, ss: c.subscore, o: c.ownerId, r: c.rank })).toString('base64url');

/**
 * @param {string} id
 * @param {string} cursor
 */
function decodeCursor(id, cursor) {
  let c = null;
  try {
    c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    c = null;
  }
  if (!c || c.l !== id || typeof c.n !== 'boolean') throw goError(`error listing leaderboard records: ${ERR_CURSOR}`);
  return { isNext: c.n, score: c.s, subscore: c.ss, ownerId: c.o, rank: c.r };
}

/**
 * One page of LeaderboardRecordsList: rows after (or, for a previous page, before) the cursor, ranks counted from it.
 * @param {any} board
 * @param {number} limit
 * @param {string} cursorText
 */
function page(board, limit, cursorText) {
  const incoming = cursorText === '' ? null : decodeCursor(board.id, cursorText);
  const all = sorted(board);
  let rows = all;
  if (incoming && incoming.isNext) rows = all.filter((r) => compare(board, r, incoming) > 0);
  if (incoming && !incoming.isNext) rows = all.filter((r) => compare(board, r, incoming) < 0).reverse();
  const previousPage = incoming !== null && !incoming.isNext;
  let rank = incoming ? incoming.rank : 0;
  /** @type {any[]} */
  const records = [];
  let next = null;
  let prev = null;
  for (const r of rows.slice(0, limit + 1)) {
    if (records.length >= limit) {
      const last = records[records.length - 1];
      next = { isNext: true, score: last.score, subscore: last.subscore, ownerId: last.ownerId, rank };
      break;
    }
    rank = previousPage ? rank - 1 : rank + 1;
    records.push(recordOut(r, board.id, rank));
    if (incoming && !prev) prev = { isNext: false, score: r.score, subscore: r.subscore, ownerId: r.ownerId, rank };
  }
  if (previousPage) {
    // Go swaps and flips the cursors of a previous-page listing, and restores the normal order.
    if (next && prev) [next, prev] = [{ ...prev, isNext: true }, { ...next, isNext: false }];
    else if (next) [next, prev] = [null, { ...next, isNext: false }];
    else if (prev) [next, prev] = [{ ...prev, isNext: true }, null];
    records.reverse();
  }
  return { records, nextCursor: next ? encodeCursor(board.id, next) : null, prevCursor: prev ? encodeCursor(board.id, prev) : null };
}

/** @type {Record<string, (state: import('./state').NkState, args: unknown[]) => unknown>} */
const handlers = {
  leaderboardCreate(state, args) {
    const id = getString(args[0]);
    if (id === '') throw typeError('expects a leaderboard ID string');
    const authoritative = isUndef(args, 1) ? false : getBool(args[1]);
    const sort = isUndef(args, 2) ? 'desc' : getString(args[2]);
    if (['asc', 'ascending', 'desc', 'descending'].indexOf(sort) < 0) throw typeError("expects sort order to be 'asc' or 'desc'");
    const op = isUndef(args, 3) ? 'best' : getString(args[3]);
    if (!Object.prototype.hasOwnProperty.call(OPERATORS, op)) throw typeError("expects operator to be 'best', 'set', 'decr' or 'incr'");
    const reset = isNil(args, 4) ? '' : getString(args[4]);
    if (reset !== '' && reset.trim().split(/\s+/).length !== 5) throw goError('error creating leaderboard: expects reset schedule to be a valid CRON expression');
    const metadataJson = metadataArg(args, 5, typeError) || '{}';
    const enableRanks = isNil(args, 6) ? false : getBool(args[6]);
    const boards = boardsOf(state);
    if (boards.has(id)) return undefined; // idempotent: the first creation's settings stay
    if (id.length > 128) throw goError(`error creating leaderboard: ${ERR_VARCHAR}`);
    boards.set(id, {
      id, authoritative, sortOrder: sort.startsWith('asc') ? 'asc' : 'desc', operator: OPERATORS[op], resetSchedule: reset, metadataJson, enableRanks,
      createTime: state.clock.nowSec(), records: new Map(),
    });
    return undefined;
  },

  leaderboardRecordWrite(state, args) {
    const id = getString(args[0]);
    if (id === '') throw typeError('expects a leaderboard ID string');
    const ownerId = parseUuid(getString(args[1]));
    if (!ownerId) throw typeError('expects owner ID to be a valid identifier');
    const username = isNil(args, 2) ? '' : getString(args[2]);
    const score = isNil(args, 3) ? 0 : getInt(args[3]);
    const subscore = isNil(args, 4) ? 0 : getInt(args[4]);
    const metadataJson = metadataArg(args, 5, goError);
    let override = null;
    if (!isNil(args, 6)) {
      const op = getString(args[6]).toLowerCase();
      if (!Object.prototype.hasOwnProperty.call(OPERATORS, op)) throw typeError('invalid operator');
      override = OPERATORS[op];
    }
    const board = boardsOf(state).get(id);
    if (!board) throw goError(`error writing leaderboard record: ${ERR_NOT_FOUND}`);
    const operator = override || board.operator;
    const now = state.clock.nowSec();
    const old = board.records.get(ownerId);
    let record = old;
    let changed = true;
    if (!old) {
      const first = operator === 'decr' ? { score: 0, subscore: 0 } : { score, subscore };
      record = { ownerId, username: username || null, ...first, numScore: 1, metadataJson: metadataJson || '{}', createTime: now, updateTime: now };
    } else {
      const next = updated(board, old, operator, score, subscore);
      if (next) record = { ...old, ...next, numScore: old.numScore + 1, metadataJson: metadataJson || old.metadataJson, username: username || old.username, updateTime: now };
      else changed = false;
    }
    if (record.score < 0) throw goError(`error writing leaderboard record: ${checkViolation('score')}`);
    if (record.subscore < 0) throw goError(`error writing leaderboard record: ${checkViolation('subscore')}`);
    if (changed) state.set(board.records, ownerId, record);
    return recordOut(record, id, cachedRank(board, ownerId));
  },

  leaderboardRecordsList(state, args) {
    const id = getString(args[0]);
    if (id === '') throw typeError('expects a leaderboard ID string');
    let owners = [];
    if (!isNil(args, 1)) {
      const list = sliceOfStrings(args[1]);
      if (!list) throw typeError('expects an array of user ids');
      owners = list.map((o) => {
        const uid = parseUuid(o);
        if (!uid) throw typeError('expects a valid owner id');
        return uid;
      });
    }
    const limit = isNil(args, 2) ? 0 : getInt(args[2]);
    if (limit < 0) throw new NkError('Error', 'not implemented in harness: negative limits (Nakama fails on them)');
    const cursor = isNil(args, 3) ? '' : getString(args[3]);
    const overrideExpiry = isNil(args, 4) ? 0 : getInt(args[4]);
    const board = boardsOf(state).get(id);
    if (!board) throw goError(`error listing leaderboard records: ${ERR_NOT_FOUND}`);
    if (overrideExpiry !== 0) return { records: [], ownerRecords: [], nextCursor: null, prevCursor: null, rankCount: 0 };
    const listed = limit !== 0 ? page(board, limit, cursor) : { records: [], nextCursor: null, prevCursor: null };
    const ownerRecords = [...new Set(owners)].map((o) => board.records.get(o)).filter(Boolean)
      .sort((a, b) => compare(board, a, b)).map((r) => recordOut(r, id, cachedRank(board, r.ownerId)));
    return { ...listed, ownerRecords, rankCount: board.enableRanks ? board.records.size : 0 };
  },

  /**
   * getLeaderboardRecordsHaystack without a cursor: no records when the owner has none; else up to `limit` records
   * above the owner's, the owner's, and enough below to fill `limit` (the window Go cuts), with cached ranks.
   */
  leaderboardRecordsHaystack(state, args) {
    const id = getString(args[0]);
    if (id === '') throw typeError('expects a leaderboard ID string');
    const ownerId = parseUuid(getString(args[1]));
    if (!ownerId) throw typeError('expects user ID to be a valid identifier');
    const limit = isNil(args, 2) ? 10 : getInt(args[2]);
    if (limit < 1 || limit > 100) throw typeError('limit must be 1-100');
    if (!isNil(args, 3) && args[3] !== '') throw new NkError('Error', 'not implemented in harness: haystack cursors');
    const expiry = isUndef(args, 4) ? 0 : getInt(args[4]);
    const board = boardsOf(state).get(id);
    if (!board) throw goError(`error listing leaderboard records around owner: ${ERR_NOT_FOUND}`);
    const empty = { records: [], ownerRecords: [], nextCursor: null, prevCursor: null, rankCount: 0 };
    if (expiry !== 0 || !board.records.has(ownerId)) return empty;
    const all = sorted(board);
    const at = all.findIndex((r) => r.ownerId === ownerId);
    const first = all.slice(Math.max(0, at - limit), at);
    let secondLimit = Math.floor(limit / 2);
    if (first.length < secondLimit) secondLimit = limit - first.length;
    const second = all.slice(at + 1, at + 1 + secondLimit);
    const window = [...first, all[at], ...second];
    let start = window.length - limit;
    if (start < 0 || first.length < secondLimit) start = 0;
    const records = window.slice(start, start + limit).map((r) => recordOut(r, id, cachedRank(board, r.ownerId)));
    return { ...empty, records, rankCount: board.enableRanks ? board.records.size : 0 };
  },
};

module.exports = { handlers };
