'use strict';
/**
 * The `ctx` objects Nakama builds (runtime_javascript_context.go NewRuntimeJsContext): node, version, env and
 * executionMode are always there; every other field is set only when non-empty. Built here as plain data and
 * turned into objects inside the VM.
 * @module
 */

/** Nakama version reported in ctx.version. */
const NAKAMA_VERSION = '3.40.0';

/**
 * @typedef {object} CallerOptions
 * @property {string} [userId] authenticated user (session token); absent for server-to-server calls
 * @property {string} [username] defaults to the user's username
 * @property {Record<string, string>} [vars] session variables
 * @property {boolean} [httpKey] server-to-server call with ?http_key=... (no user)
 * @property {'http'|'socket'} [transport] how the client called (default 'http', like nakama-js client.rpc)
 * @property {string} [sessionId] socket session id (socket transport)
 * @property {string} [lang] socket session language (default 'en')
 * @property {Record<string, string[]>} [queryParams] extra query parameters (HTTP)
 * @property {Record<string, string[]>} [headers] request headers (HTTP)
 * @property {string} [clientIp]
 * @property {string} [clientPort]
 */

/**
 * @param {{node: string, env: Record<string, string>}} h
 * @param {string} mode
 * @returns {Record<string, unknown>}
 */
function baseCtx(h, mode) {
  return { node: h.node, version: NAKAMA_VERSION, env: { ...h.env }, executionMode: mode };
}

/**
 * ctx of RPCs and before/after hooks.
 * @param {{node: string, env: Record<string, string>, clock: {nowSec(): number}}} h
 * @param {string} mode 'rpc' | 'before' | 'after'
 * @param {CallerOptions & {resolvedUsername?: string, sessionId?: string}} o
 * @returns {Record<string, unknown>}
 */
function callerCtx(h, mode, o) {
  const ctx = baseCtx(h, mode);
  const transport = o.httpKey ? 'http' : (o.transport || 'http');
  if (transport === 'http') {
    ctx.headers = { ...(o.headers || {}) };
    ctx.queryParams = { ...(o.queryParams || {}) };
  }
  const user = !o.httpKey && o.userId;
  if (user) ctx.userSessionExp = h.clock.nowSec() + 7200;
  if (user) ctx.userId = o.userId;
  if (user && o.resolvedUsername) ctx.username = o.resolvedUsername;
  if (user && o.vars) ctx.vars = { ...o.vars };
  if (transport === 'socket' && o.sessionId) {
    ctx.sessionId = o.sessionId;
    ctx.lang = o.lang || 'en';
  }
  if (o.clientIp) ctx.clientIp = o.clientIp;
  if (o.clientPort) ctx.clientPort = o.clientPort;
  return ctx;
}

module.exports = { baseCtx, callerCtx, NAKAMA_VERSION };
