'use strict';
/**
 * Running matches (match_registry.go): creation with Nakama's params encoding rule and error texts, matchGet,
 * a simple matchList (no query language), and signals. Ended matches stay inspectable through h.match(id).
 * @module
 */
const { Match } = require('./match-runner');
const { goKind } = require('./go-value');
const { parseUuid } = require('./nk/args');

/**
 * Params are gob-encoded (deep copy) before matchInit: only nil, bool, string, numbers, []interface{} and
 * map[string]interface{} are registered types; anything else fails with "cannot encode params".
 * @param {unknown} v
 * @returns {boolean}
 */
function gobEncodable(v) {
  switch (goKind(v)) {
    case 'nil': case 'bool': case 'string': case 'int64': case 'float64': return true;
    case 'slice': return /** @type {unknown[]} */ (v).every(gobEncodable);
    case 'map': return Object.values(/** @type {object} */ (v)).every(gobEncodable);
    default: return false;
  }
}

class MatchRegistry {
  /** @param {any} host harness services (see Match) */
  constructor(host) {
    this.host = host;
    /** @type {Map<string, Match>} running matches by uuid */
    this.running = new Map();
    /** @type {Map<string, Match>} every match ever created, by full id */
    this.all = new Map();
  }

  /**
   * Creates a match and runs matchInit. Errors carry LocalMatchRegistry.CreateMatch's text.
   * @param {string} module
   * @param {Record<string, unknown>} goParams
   * @param {string} [forcedUuid] replays recreate a recorded match under its own id
   * @returns {string} match id "<uuid>.<node>"
   */
  create(module, goParams, forcedUuid) {
    if (!gobEncodable(goParams)) throw new Error('error creating match: cannot encode params');
    const handlers = this.host.registrations.matches[module];
    if (!handlers) throw new Error('error creating match: not found');
    const uuid = forcedUuid || this.host.rng.uuid('match');
    const id = `${uuid}.${this.host.node}`;
    const match = new Match(this.host, { id, uuid, module, handlers });
    try {
      match.init(goParams);
    } catch (e) {
      throw new Error(`error creating match: ${/** @type {Error} */ (e).message}`);
    }
    this.running.set(uuid, match);
    this.all.set(id, match);
    return id;
  }

  /**
   * Splits "<uuid>.<node>".
   * @param {string} id
   * @returns {{uuid: string, node: string}}
   */
  parse(id) {
    const dot = id.indexOf('.');
    const uuid = dot === -1 ? null : parseUuid(id.slice(0, dot));
    if (!uuid) throw new Error('match id invalid');
    return { uuid, node: id.slice(dot + 1) };
  }

  /**
   * @param {string} id
   * @returns {Match|undefined} a running match on this node
   */
  find(id) {
    const { uuid, node } = this.parse(id);
    return node === this.host.node ? this.running.get(uuid) : undefined;
  }

  /** nk.matchGet. @param {string} id */
  get(id) {
    const m = this.find(id);
    return m ? { matchId: m.id, authoritative: true, size: m.size, label: m.label } : null;
  }

  /**
   * nk.matchList without a query: authoritative filter, exact label, size bounds, limit.
   * @param {{limit: number, authoritative: boolean|null, label: string|null, minSize: number|null, maxSize: number|null}} q
   */
  list(q) {
    if (q.authoritative === false) return [];
    return [...this.running.values()]
      .filter((m) => (q.label === null || m.label === q.label) &&
        (q.minSize === null || m.size >= q.minSize) && (q.maxSize === null || m.size <= q.maxSize))
      .slice(0, Math.max(q.limit, 0))
      .map((m) => ({ matchId: m.id, authoritative: true, size: m.size, label: m.label }));
  }

  /**
   * nk.matchSignal.
   * @param {string} id
   * @param {string} data
   */
  signal(id, data) {
    const { uuid, node } = this.parse(id);
    const m = node === this.host.node ? this.running.get(uuid) : undefined;
    if (!m) throw new Error('match not found');
    return m.signal(data);
  }

  /** Called by a match when it stops. @param {Match} match */
  removed(match) {
    this.running.delete(match.uuid);
  }
}

module.exports = { MatchRegistry, gobEncodable };
