'use strict';
/**
 * Calls into pooled contexts: RPCs (RuntimeProviderJS.Rpc), realtime before-hooks (BeforeRt) and the
 * matchmaker flow. Each call borrows the next pool context, round-robin.
 * @module
 */
const { RuntimeCallError } = require('./errors');
const { callerCtx, baseCtx } = require('./ctx');
const { goExport, goToValue } = require('./go-value');
const { ticketEnvelope, parseEnvelope, checkTicket, matchedResult, RT } = require('./matchmaker');

/**
 * Logs what Nakama logs for an exception that is not a {message, code} object.
 * @param {any} h
 * @param {string} mode
 * @param {string} id
 * @param {any} error
 */
function logUncaught(h, mode, id, error) {
  if (!error.custom) {
    h.log('error', 'JavaScript runtime function raised an uncaught exception', { mode, id, error: error.text }, 'runtime');
  }
}

/**
 * @param {any} h the Harness
 * @param {string} id
 * @param {string|object} [payload] objects are JSON-encoded (as nakama-js client.rpc does)
 * @param {import('./ctx').CallerOptions} [opts]
 * @returns {string}
 */
function rpc(h, id, payload = '', opts = {}) {
  const lid = String(id).toLowerCase();
  const fnName = h.registrations.rpcs[lid];
  if (!fnName) throw new RuntimeCallError(5, 'RPC function not found');
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const ctx = callerCtx(h, 'rpc', { ...opts, resolvedUsername: h.usernameOf(opts) });
  const res = h.invokePool({ fnName, ctx, zap: { rpc_id: lid }, args: [body] });
  if (res.notFound) {
    h.log('error', 'JavaScript runtime function invalid.', { key: fnName }, 'runtime');
    throw new RuntimeCallError(13, 'Could not run Rpc function.');
  }
  if (res.error) {
    logUncaught(h, 'rpc', lid, res.error);
    throw new RuntimeCallError(res.error.code, res.error.message, res.error);
  }
  if (res.value === null || res.value === undefined) return '';
  if (typeof res.value !== 'string') {
    const msg = 'Runtime function returned invalid data - only allowed one return value of type string.';
    h.log('error', msg, { mode: 'rpc', id: lid }, 'runtime');
    throw new RuntimeCallError(13, msg);
  }
  return res.value;
}

/**
 * A realtime before-hook (registerRtBefore). Returns the envelope the hook produced (plain data), or null when
 * the hook returned null/undefined (Nakama then rejects the message and closes the session).
 * Errors arrive on the socket as RUNTIME_FUNCTION_EXCEPTION (7) with the error text.
 * @param {any} h
 * @param {string} id e.g. "MatchmakerAdd"
 * @param {Record<string, unknown>} envelope
 * @param {import('./ctx').CallerOptions} [opts]
 * @returns {Record<string, unknown>|null|undefined} undefined when no hook is registered for id
 */
function rtBefore(h, id, envelope, opts = {}) {
  const entry = Object.entries(h.registrations.rtBefore).find(([k]) => k.toLowerCase() === id.toLowerCase());
  if (!entry) return undefined;
  // Realtime messages always come from a socket session: the user's default one unless opts names another.
  const session = opts.userId && !opts.sessionId ? { sessionId: h.presence(opts.userId).sessionId } : {};
  const ctx = callerCtx(h, 'before', { transport: 'socket', ...session, ...opts, resolvedUsername: h.usernameOf(opts) });
  const res = h.invokePool({ fnName: entry[1], ctx, zap: { api_id: id.toLowerCase(), mode: 'before' }, args: [goExport(envelope)] });
  if (res.notFound) throw new RuntimeCallError(RT.RUNTIME_FUNCTION_EXCEPTION, 'Could not run runtime Before function.');
  if (res.error) {
    logUncaught(h, 'before', id, res.error);
    throw new RuntimeCallError(RT.RUNTIME_FUNCTION_EXCEPTION, res.error.message, res.error);
  }
  if (res.value === null) return null;
  return /** @type {Record<string, unknown>} */ (goToValue(res.value));
}

/**
 * Tickets -> MatchmakerAdd before-hook -> ticket checks -> matchmaker-matched hook.
 * @param {any} h
 * @param {import('./matchmaker').Ticket[]} tickets
 * @returns {string|null} the match id the hook returned (null: no hook, or the hook returned nothing)
 */
function matchmake(h, tickets) {
  const entries = tickets.map((t) => {
    const presence = h.toPresence(t.presence);
    const env = ticketEnvelope(t);
    /** @type {import('./ctx').CallerOptions} */
    const caller = { userId: presence.userId, username: presence.username, sessionId: presence.sessionId, transport: 'socket' };
    const out = rtBefore(h, 'MatchmakerAdd', env, caller);
    if (out === null) throw new RuntimeCallError(RT.UNRECOGNIZED_PAYLOAD, 'Requested resource was not found.');
    const ticket = checkTicket(parseEnvelope(out === undefined ? env : out));
    /** @type {Record<string, unknown>} */
    const entry = {
      presence: { userId: presence.userId, sessionId: presence.sessionId, username: presence.username, node: presence.node },
      properties: { ...ticket.stringProperties, ...ticket.numericProperties },
    };
    if (t.partyId) entry.partyId = t.partyId;
    return entry;
  });
  const fnName = h.registrations.matchmakerMatched;
  if (!fnName) return null;
  const res = h.invokePool({ fnName, ctx: baseCtx(h, 'matchmaker'), zap: { mode: 'matchmaker' }, args: [goExport(entries)] });
  if (res.notFound) throw new RuntimeCallError(13, 'Could not run matchmaker matched hook.');
  if (res.error) logUncaught(h, 'matchmaker', 'matchmakerMatched', res.error);
  return matchedResult(res);
}

module.exports = { rpc, rtBefore, matchmake };
