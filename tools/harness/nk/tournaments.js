'use strict';
/**
 * Tournaments (the argument handling of runtime_javascript_nakama.go tournamentCreate, checkTournamentConfig and
 * LocalLeaderboardCache.CreateTournament): nk.tournamentCreate only, which is what bracket and Swiss tournaments
 * need (their Nakama tournament is the registration window; matches decide them).
 * - Create is idempotent by id: a repeated create keeps the first one's settings.
 * - Reset schedules, records, joins and the end callback are not modelled: a create with a reset schedule and
 *   every other tournament function fail loudly, so a test that needs them runs against the real server.
 * @module
 */
const { NkError, typeError } = require('../errors');
const { getString, getInt, getBool, isUndef, isNil, isMap } = require('./args');
const { goJsonMarshal } = require('../gofmt');

/** @type {WeakMap<import('./state').NkState, Map<string, any>>} tournaments of each harness */
const TOURNAMENTS = new WeakMap();

const SORT_ORDERS = ['asc', 'ascending', 'desc', 'descending'];
const OPERATORS = ['best', 'set', 'incr', 'increment', 'decr', 'decrement'];

/**
 * @param {unknown[]} args
 * @param {number} i
 * @param {number} fallback
 */
const intArg = (args, i, fallback) => (isNil(args, i) ? fallback : getInt(args[i]));

/** @type {Record<string, (state: import('./state').NkState, args: unknown[]) => unknown>} */
const handlers = {
  tournamentCreate(state, args) {
    const id = getString(args[0]);
    if (id === '') throw typeError('expects a tournament ID string');
    const authoritative = isNil(args, 1) ? true : getBool(args[1]);
    const sortOrder = isUndef(args, 2) ? 'desc' : getString(args[2]);
    if (!SORT_ORDERS.includes(sortOrder)) throw typeError("expects sort order to be 'asc' or 'desc'");
    const operator = isUndef(args, 3) ? 'best' : getString(args[3]);
    if (!OPERATORS.includes(operator)) throw typeError("expects operator to be 'best', 'set', 'decr' or 'incr'");
    const duration = intArg(args, 4, 0);
    if (duration <= 0) throw typeError('duration must be > 0');
    const resetSchedule = isNil(args, 5) ? '' : getString(args[5]);
    if (resetSchedule !== '') throw new NkError('Error', 'not implemented in harness: tournament reset schedules');
    let metadataJson = '{}';
    if (!isNil(args, 6)) {
      if (!isMap(args[6])) throw typeError('expects metadata to be an object');
      metadataJson = goJsonMarshal(args[6]);
    }
    const title = isNil(args, 7) ? '' : getString(args[7]);
    const description = isNil(args, 8) ? '' : getString(args[8]);
    const category = intArg(args, 9, 0);
    if (category < 0 || category >= 128) throw typeError('category must be 0-127');
    const startTime = intArg(args, 10, 0);
    if (startTime < 0) throw typeError('startTime must be >= 0.');
    const endTime = intArg(args, 11, 0);
    if (endTime !== 0 && endTime <= startTime) throw typeError('endTime must be > startTime. Use 0 to indicate a tournament that never ends.');
    const maxSize = intArg(args, 12, 0);
    if (maxSize < 0) throw typeError('maxSize must be >= 0');
    const maxNumScore = intArg(args, 13, 0);
    if (maxNumScore < 0) throw typeError('maxNumScore must be >= 0');
    const joinRequired = isNil(args, 14) ? false : getBool(args[14]);
    const enableRanks = isNil(args, 15) ? false : getBool(args[15]);
    let tournaments = TOURNAMENTS.get(state);
    if (!tournaments) TOURNAMENTS.set(state, (tournaments = new Map()));
    if (tournaments.has(id)) return undefined;
    tournaments.set(id, {
      id, authoritative, sortOrder, operator, duration, metadataJson, title, description, category, startTime, endTime,
      maxSize, maxNumScore, joinRequired, enableRanks, createTime: state.clock.nowSec(),
    });
    return undefined;
  },
};

module.exports = { handlers };
