#!/usr/bin/env node
'use strict';
/**
 * docs/RPC_REFERENCE.md is generated from the RPC declarations in the built bundle, so it cannot
 * drift from the code: `npm run docs:rpc` rewrites it; test/unit/rpc-reference.test.ts fails when
 * the committed file differs from what the bundle declares.
 */
const fs = require('fs');
const path = require('path');
const vm = require('node:vm');

const ROOT = path.resolve(__dirname, '..');
const BUNDLE = path.join(ROOT, 'bundle', 'index.js');
const REFERENCE = path.join(ROOT, 'docs', 'RPC_REFERENCE.md');

/** Who may call, per access level (core/plugin.ts Access). */
const ACCESS = {
  player: 'an authenticated player (session token); server-to-server calls are refused',
  any: 'any authenticated player (session token) or server-to-server call (http key)',
  admin: 'admins only: users listed in the runtime env ADMIN_USER_IDS, or server-to-server calls with the http key; others get PERMISSION_DENIED (7); every call is audit-logged',
};

/** Errors every RPC can return (core/rpc.ts), by how its payload is declared, then its own. */
function errorsOf(rpc, registry) {
  const errors = ['`INVALID_PAYLOAD` (3): not a JSON object or too large', '`INVALID_FIELD` (3): names the field and the rule'];
  if (rpc.scope !== 'global') errors.push('`UNKNOWN_GAME` (3): the game does not exist or this RPC does not serve it');
  if (rpc.access === 'player') errors.push('`UNAUTHENTICATED` (16): no user session');
  if (rpc.access === 'admin') errors.push('`PERMISSION_DENIED` (7): the caller is not an admin');
  errors.push('`RESOURCE_EXHAUSTED` (8): over the rate limit; the message ends with `retry_after_ms=<ms>`');
  for (const code of Object.keys(rpc.errors || {})) errors.push(`\`${code}\` (${registry[code].grpc}): ${rpc.errors[code]}`);
  errors.push('`UNAVAILABLE` (14, HTTP 503): the database is unreachable for a moment; retry shortly (docs/faults.md)');
  errors.push('`INTERNAL` (13): unexpected failure, logged with the RPC id');
  return errors;
}

function describeField(spec) {
  const rules = Object.keys(spec).filter((k) => k !== 'type' && k !== 'required').map((k) => `${k} ${spec[k]}`);
  return `${spec.type}${spec.required ? ', required' : ''}${rules.length ? `, ${rules.join(', ')}` : ''}`;
}

/** The RPC declarations of the built bundle, as plain data. */
function readDeclarations(bundlePath = BUNDLE) {
  if (!fs.existsSync(bundlePath)) throw new Error(`${path.relative(ROOT, bundlePath)} missing: run npm run build`);
  const context = vm.createContext({});
  vm.runInContext(fs.readFileSync(bundlePath, 'utf8'), context, { filename: 'bundle/index.js' });
  const json = vm.runInContext(
    `JSON.stringify(MODULE.plugins.rpcs.map((h) => ({ plugin: h.pluginId, games: h.games, id: h.rpc.id, access: h.rpc.access,
      scope: h.rpc.scope || 'game', effect: h.rpc.effect, limit: h.limit, description: h.rpc.description, response: h.rpc.response, payload: h.rpc.payload, errors: h.rpc.errors || {} })), (k, v) => (v instanceof RegExp ? String(v) : v))`,
    context,
  );
  const games = JSON.parse(vm.runInContext('JSON.stringify(MODULE.games.games.map((g) => ({ id: g.id, name: g.name })))', context));
  const errors = JSON.parse(vm.runInContext('JSON.stringify(MODULE.errors)', context));
  return { rpcs: JSON.parse(json), games, errors };
}

/** The markdown reference for the declarations. */
function renderReference({ rpcs, games, errors }) {
  const gameName = (id) => (games.find((g) => g.id === id) || { name: id }).name;
  const lines = [
    '# RPC reference',
    '',
    'Generated from the RPC declarations by `npm run docs:rpc` (tools/rpc-reference.js); do not edit by hand.',
    'Call with `client.rpc(session, id, payload)`. Errors arrive as `{code, message}` with the gRPC code',
    '(HTTP 400 for 3, 401 for 16, 500 for 13); the message starts with the error code, e.g.',
    '`INVALID_FIELD: game_id: required`. Unknown payload fields are refused.',
    '',
  ];
  for (const rpc of [...rpcs].sort((a, b) => a.id.localeCompare(b.id))) {
    lines.push(`## \`${rpc.id}\``, '', rpc.description, '');
    const scope = rpc.scope === 'global' ? 'all games (not game-scoped)' : rpc.games.map(gameName).join(', ');
    lines.push(`- Plugin: \`${rpc.plugin}\`; games: ${scope}`);
    lines.push(`- Who may call: ${ACCESS[rpc.access] || rpc.access}`);
    lines.push(`- Rate limit (${rpc.effect}s): ${rpc.limit.calls} calls per ${rpc.limit.windowSeconds} s per user; server-to-server calls are not limited`);
    lines.push('- Payload:');
    for (const field of Object.keys(rpc.payload)) lines.push(`  - \`${field}\`: ${describeField(rpc.payload[field])}`);
    lines.push(`- Response: \`${rpc.response}\` (typed: client/rpc-types.ts; JSON Schema: client/schemas/rpc/${rpc.id}.response.schema.json)`);
    lines.push('- Errors:');
    for (const error of errorsOf(rpc, errors)) lines.push(`  - ${error}`);
    lines.push('');
  }
  return lines.join('\n');
}

if (require.main === module) {
  const text = renderReference(readDeclarations());
  fs.writeFileSync(REFERENCE, text);
  console.log(`wrote ${path.relative(ROOT, REFERENCE)}`);
}

module.exports = { readDeclarations, renderReference, REFERENCE };
