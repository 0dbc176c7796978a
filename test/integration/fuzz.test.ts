import { Client } from '@heroiclabs/nakama-js';
import { ERRORS } from '../../core/errors';
import type { HostedRpc } from '../../core/plugin-host';
import type { FieldSpec, Schema } from '../../core/validate';
import { MODULE } from '../../main';
import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { QUIZVERSE } from '../../matches/quiz/game-quizverse';
import { connectPlayer, consoleToken, rpc, server, serverRpc, walletLedger, type Player } from './support/nakama';
import { mulberry32 } from '../support/prng';

/**
 * Fuzzing every registered RPC on the real server: malformed, wrong-typed, huge and hostile payloads,
 * from a player session and (admin RPCs) server-to-server with the http key. Every answer must be a
 * clean client error (or, for payloads the schema admits, a normal answer): never INTERNAL / HTTP 500.
 * A sentinel player is the target of every payload that names a user and would change data if the
 * validation let it through; its whole state is compared before and after.
 *
 * Two kinds of payload, decided by the documented schema rules (docs/RPC_REFERENCE.md), not by the
 * module's own validator:
 * - invalid: the schema refuses it. Built from an *effective* payload (a real achievement, mode, the
 *   sentinel as user), so one that slipped through would change the sentinel's data. Must be refused
 *   with INVALID_PAYLOAD / INVALID_FIELD (or the access error).
 * - admitted: the schema admits it (hostile strings within the rules, other game ids, unknown users,
 *   odd definitions). Sent twice: with real ids (so handlers go deep) and with ids that exist nowhere;
 *   a user field is always the bystander or a user that does not exist, never the sentinel. Must get a
 *   normal answer or a clean client error. Admin RPCs that name no user (seasons, events, definitions)
 *   only get admitted payloads that are nonsense or name nothing real: other test files share the
 *   server, and e.g. `season_end {game_id}` would end their season.
 */

// ---------------------------------------------------------------------------------------------------
// The RPCs, from the code.

const HOSTED: HostedRpc[] = MODULE.plugins.rpcs;
const RPC_IDS: string[] = MODULE.manifest().rpcs;
const hostedOf = (id: string) => HOSTED.filter((h) => h.rpc.id === id)[0];
const isGlobal = (h: HostedRpc) => (h.rpc as { scope?: string }).scope === 'global';
/** Calls per user and window the module allows for this RPC (core/rate-limit.ts), when it limits. */
const callsPerWindow = (h: HostedRpc) => ((h as { limit?: { calls: number } }).limit || { calls: Infinity }).calls;

const GAMES = [QUIZVERSE, LASTTOLIVE];
/** The game an RPC's payloads name (QuizVerse when it serves it), and the other one. */
const homeGame = (h: HostedRpc) => GAMES.filter((g) => h.games.indexOf(g.id) >= 0)[0] || QUIZVERSE;
const otherGame = (h: HostedRpc) => (homeGame(h).id === QUIZVERSE.id ? LASTTOLIVE : QUIZVERSE);

// ---------------------------------------------------------------------------------------------------
// A deterministic PRNG (mulberry32, test/support/prng.ts), seeded per RPC so each RPC's payloads never change with the others.
const seedOf = (text: string) => [...text].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0, 2166136261);
const hex = (rng: () => number, n: number) => Array.from({ length: n }, () => Math.floor(rng() * 16).toString(16)).join('');
/** A random lowercase v4 UUID (no game and no user has it). */
const randomUuid = (rng: () => number) => `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-${'89ab'[Math.floor(rng() * 4)]}${hex(rng, 3)}-${hex(rng, 12)}`;
/** Random UTF-16 text: control characters, surrogates (paired or not), anything. */
const garbage = (rng: () => number, n: number) => String.fromCharCode(...Array.from({ length: n }, () => Math.floor(rng() * 0x10000)));

// ---------------------------------------------------------------------------------------------------
// The documented payload rules (docs/RPC_REFERENCE.md), written independently of core/validate.ts.

const MAX_PAYLOAD_BYTES = 16 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function valueAdmitted(spec: FieldSpec, value: unknown): boolean {
  switch (spec.type) {
    case 'string':
      return typeof value === 'string' && (spec.maxLength === undefined || value.length <= spec.maxLength) && (!spec.pattern || new RegExp(spec.pattern.source, spec.pattern.flags).test(value));
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && (spec.min === undefined || value >= spec.min) && (spec.max === undefined || value <= spec.max);
    case 'boolean':
      return typeof value === 'boolean';
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'user':
      return typeof value === 'string' && UUID.test(value) && value !== '00000000-0000-0000-0000-000000000000';
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value) && (spec.maxItems === undefined || value.length <= spec.maxItems);
  }
}

/** Whether the schema admits the payload text: at most 16 KB (or the RPC's declared limit), a JSON object, known fields only, each by its rule. */
function payloadAdmitted(schema: Schema, text: string, maxBytes: number): boolean {
  if (Buffer.byteLength(text, 'utf8') > maxBytes) return false;
  let parsed: unknown = {};
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch {
      return false;
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return false;
  const payload = parsed as { [key: string]: unknown };
  if (Object.keys(payload).some((k) => !Object.prototype.hasOwnProperty.call(schema, k))) return false;
  return Object.keys(schema).every((field) => {
    const value = payload[field];
    if (value === undefined || value === null) return !schema[field].required;
    return valueAdmitted(schema[field], value);
  });
}

// ---------------------------------------------------------------------------------------------------
// Payload generation.

interface Variant {
  label: string;
  text: string;
  /** 'invalid': the schema refuses it; 'admitted': it reaches the handler. */
  kind: 'invalid' | 'admitted';
  /** Admitted, yet nonsense the handler must refuse (e.g. a definition without fields). */
  mustRefuse?: boolean;
}

/** Users the payloads name. */
interface Targets { sentinel: string; bystander: string }

const NIL = '00000000-0000-0000-0000-000000000000';
const NO_SUCH = 'fuzz_missing';
const NO_SUCH_PARTY = '00000000-0000-4000-8000-000000000000.fuzz';

/** A value satisfying a string field's rules, preferring ids that exist nowhere. */
function inertString(spec: Extract<FieldSpec, { type: 'string' }>): string {
  for (const candidate of [NO_SUCH, NO_SUCH_PARTY, 'fuzz', 'x', '0']) if (valueAdmitted(spec, candidate)) return candidate;
  throw new Error(`no inert value fits ${spec.pattern}: teach fuzz.test.ts one`);
}

const inRange = (spec: Extract<FieldSpec, { type: 'integer' }>, wanted: number) => Math.min(spec.max ?? wanted, Math.max(spec.min ?? wanted, wanted));

/** Values that, if a payload got through, would change the target's data (a real achievement and mode, the sentinel). */
function effectiveValue(h: HostedRpc, field: string, spec: FieldSpec, targets: Targets): unknown {
  const game = homeGame(h);
  if (field === 'game_id') return game.id;
  if (field === 'user_id') return targets.sentinel;
  if (field === 'achievement_id') return game.id === QUIZVERSE.id ? 'round_winner' : 'veteran'; // incremental: every accepted call moves it
  if (field === 'mode') return Object.keys(game.modes)[0];
  switch (spec.type) {
    case 'string': return inertString(spec);
    case 'integer': return inRange(spec, field === 'rating' ? 1234 : 1);
    case 'boolean': return true;
    case 'uuid':
    case 'user': return targets.sentinel;
    case 'object': return {};
    case 'array': return [];
  }
}

/** Values the handler refuses or that touch no one who matters (ids that do not exist, the bystander). */
function inertValue(h: HostedRpc, field: string, spec: FieldSpec, targets: Targets): unknown {
  if (field === 'game_id') return homeGame(h).id;
  switch (spec.type) {
    case 'string': return inertString(spec);
    case 'integer': return inRange(spec, 1);
    case 'boolean': return false;
    case 'uuid':
    case 'user': return targets.bystander;
    case 'object': return {};
    case 'array': return [{}];
  }
}

function basePayload(h: HostedRpc, targets: Targets, value: typeof effectiveValue): { [key: string]: unknown } {
  const schema = h.rpc.payload;
  const base: { [key: string]: unknown } = {};
  for (const field of Object.keys(schema)) if (schema[field].required) base[field] = value(h, field, schema[field], targets);
  return base;
}

/** An object whose own keys include `__proto__` (a JS literal would set the prototype instead). */
const own = (json: string) => JSON.parse(json) as object;

const HOSTILE_STRINGS = [
  '', ' ', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '{"__proto__": {"admin": true}}',
  "' OR '1'='1", "'; DROP TABLE storage; --", '" OR ""="', '1; SELECT pg_sleep(10)', "%' --", 'null', 'undefined', 'NaN', 'true',
  '\u0000', 'a\u0000b', '\u0001\u0002\u001b[31m\u001f\u007f', 'line\nbreak', '\r\n', '\t', '\\', '\\u0000', '%00', '%s%s%s%n',
  '${7*7}', '{{7*7}}', '<script>alert(1)</script>', '../../../etc/passwd', 'ｆｕｌｌｗｉｄｔｈ', 'Ünïcödé', '😀🔥', '\u202egnp.exe',
  '\u200b', '\ud800', '\udfff\ud800', 'fuzz_missing\n', 'FUZZ_MISSING', 'x@123', 'x@999999999999999', 'x@0',
  `${'-'.repeat(36)}.x`, `${'f'.repeat(36)}.`, `${NIL}.${'.'.repeat(60)}`, `${NIL}..`, `${NIL}.-`, `${NIL}.${'_'.repeat(64)}`,
];

/** Values of every JSON type, numbers at the edges, NaN-like strings, hostile objects. */
const WRONG_VALUES: unknown[] = [
  0, 1, -1, 1.5, -0.5, 0.1, 1e308, -1e308, 2 ** 53 + 2, 1e21, 4294967296, -2147483649,
  '', ' ', '1', '1.5', '-1', '0x10', '1e3', 'NaN', 'Infinity', '-Infinity', 'null', 'true', 'undefined', '[]', '{}',
  true, false, [], [1], ['a'], [null], [[[]]], [{}], {}, { a: 1 }, { $ne: null }, { $gt: '' },
  own('{"__proto__": {"admin": true}}'), own('{"constructor": {"prototype": {"admin": true}}}'),
];

/** Schema-invalid values of one field (filtered by the rules, so none is admitted by accident). */
function invalidValues(field: string, spec: FieldSpec, effective: unknown, rng: () => number): { label: string; value: unknown }[] {
  const list: { label: string; value: unknown }[] = WRONG_VALUES.map((value) => ({ label: `${field} = ${short(JSON.stringify(value))}`, value }));
  if (spec.required) list.push({ label: `${field} = null`, value: null });
  if (spec.type === 'string') {
    const max = spec.maxLength ?? 64;
    list.push({ label: `${field} over maxLength`, value: 'a'.repeat(max + 1) }, { label: `${field} over maxLength (multibyte)`, value: 'é'.repeat(max + 1) });
    for (const s of HOSTILE_STRINGS) list.push({ label: `${field} = ${short(JSON.stringify(s))}`, value: s });
    list.push({ label: `${field} = random text`, value: garbage(rng, 24) });
  }
  if (spec.type === 'integer') {
    for (const n of [spec.min !== undefined ? spec.min - 1 : -1e15, spec.max !== undefined ? spec.max + 1 : 1e15, (spec.min ?? 0) + 0.5, (spec.max ?? 100) - 0.5]) {
      list.push({ label: `${field} = ${n}`, value: n });
    }
  }
  if (spec.type === 'uuid' || spec.type === 'user') {
    const id = typeof effective === 'string' ? effective : NIL;
    for (const [label, value] of [
      ['upper-case UUID', id.toUpperCase()], ['UUID in braces', `{${id}}`], ['UUID without dashes', id.replace(/-/g, '')],
      ['UUID with a newline', `${id}\n`], ['UUID with a space', ` ${id}`], ['urn:uuid', `urn:uuid:${id}`], ['non-hex UUID', `${id.slice(0, 35)}g`],
      ['UUID with a NUL', `${id}\u0000`], ['the other game id upper-case', LASTTOLIVE.id.toUpperCase()], ['UUID with full-width digits', id.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)))],
    ]) list.push({ label: `${field}: ${label}`, value });
    for (const s of HOSTILE_STRINGS) list.push({ label: `${field} = ${short(JSON.stringify(s))}`, value: s });
  }
  if (spec.type === 'array') list.push({ label: `${field} over maxItems`, value: Array.from({ length: (spec.maxItems ?? 1000) + 1 }, () => ({})) });
  return list.filter((v) => !valueAdmitted(spec, v.value));
}

/** Schema-admitted values of one field that are strange all the same (for the handler). */
function admittedOddValues(h: HostedRpc, field: string, spec: FieldSpec, rng: () => number, targets: Targets): { label: string; value: unknown; mustRefuse?: boolean }[] {
  const list: { label: string; value: unknown; mustRefuse?: boolean }[] = [];
  if (spec.type === 'string') {
    const max = spec.maxLength ?? 64;
    for (const s of [...HOSTILE_STRINGS, garbage(rng, 12), 'a'.repeat(max), 'é'.repeat(max)]) {
      if (valueAdmitted(spec, s)) list.push({ label: `${field} = ${short(JSON.stringify(s))}`, value: s });
    }
  }
  if (spec.type === 'integer') {
    for (const n of [spec.min, spec.max]) if (n !== undefined) list.push({ label: `${field} = ${n} (edge)`, value: n });
  }
  if (spec.type === 'uuid' || spec.type === 'user') {
    if (field === 'game_id') {
      list.push({ label: `${field}: the other game's id`, value: otherGame(h).id });
    } else {
      list.push({ label: `${field}: a game id`, value: QUIZVERSE.id });
    }
    list.push(
      { label: `${field}: an unknown UUID`, value: randomUuid(rng) }, { label: `${field}: another unknown UUID`, value: randomUuid(rng) },
      { label: `${field}: the nil UUID`, value: NIL }, { label: `${field}: the max UUID`, value: 'ffffffff-ffff-ffff-ffff-ffffffffffff' },
    );
    if (field === 'user_id') list.push({ label: `${field}: the bystander`, value: targets.bystander });
    // 'user' fields refuse the nil UUID (the system user) in the schema already: keep only admitted values here.
    if (spec.type === 'user') return list.filter((v) => valueAdmitted(spec, v.value));
  }
  if (spec.type === 'object') {
    for (const [label, value] of [
      ['{}', {}], ['__proto__ admin', own('{"__proto__": {"admin": true}}')], ['constructor.prototype', own('{"constructor": {"prototype": {"polluted": true}}}')],
      ['id __proto__', { id: '__proto__', name: '__proto__' }], ['toString/valueOf keys', { toString: 1, valueOf: 'x', hasOwnProperty: null }],
      ['nested 14 deep', JSON.parse(`${'{"a":'.repeat(14)}1${'}'.repeat(14)}`)], ['huge numbers', { id: NO_SUCH, target: 1e308, points: -1e308, tiers: 1e21 }],
      ['wrong types inside', { id: 7, name: [], description: {}, target: 'ten', rewards: 'all', starts_at: 'now', ends_at: null }],
      ['SQL and unicode inside', { id: "x'; DROP TABLE storage; --", name: '\u0000😀\u202e', description: garbage(rng, 16) }],
    ] as [string, unknown][]) list.push({ label: `${field}: ${label}`, value, mustRefuse: !spec.freeForm });
  }
  if (spec.type === 'array') {
    for (const [label, value] of [
      ['[{}]', [{}]], ['[null]', [null]], ['[1, "x", true]', [1, 'x', true]], ['[[]]', [[]]], ['[__proto__ admin]', [own('{"__proto__": {"admin": true}}')]],
      ['nulls', Array.from({ length: Math.min(spec.maxItems ?? 50, 50) }, () => null)],
    ] as [string, unknown][]) if (valueAdmitted(spec, value)) list.push({ label: `${field}: ${label}`, value, mustRefuse: true });
  }
  return list;
}

const short = (text: string | undefined, max = 60) => {
  const t = text === undefined ? 'undefined' : text;
  return t.length > max ? `${t.slice(0, max)}... (${t.length} chars)` : t;
};

/** Every payload sent to one RPC, in a fixed order. */
function variantsOf(h: HostedRpc, targets: Targets): Variant[] {
  const schema = h.rpc.payload;
  const rng = mulberry32(seedOf(h.rpc.id));
  const effective = basePayload(h, targets, effectiveValue);
  const inert = basePayload(h, targets, inertValue);
  const effectiveText = JSON.stringify(effective);
  const candidates: { label: string; text: string; from: 'effective' | 'inert'; mustRefuse?: boolean }[] = [];
  const fromEffective = (label: string, text: string) => candidates.push({ label, text, from: 'effective' });
  const withField = (field: string, value: unknown) => JSON.stringify({ ...effective, [field]: value });

  // Not a JSON object at all.
  for (const text of ['not json', '{', '{"game_id":', '}{', 'null', 'true', 'false', '0', '-1', '1e999', 'NaN', 'Infinity', 'undefined',
    '"a string"', `"${effectiveText.replace(/"/g, '\\"')}"`, '[]', '[{}]', `[${effectiveText}]`, "{'game_id': 'x'}", `${effectiveText.slice(0, -1)},}`,
    `${effectiveText}garbage`, `${effectiveText}${effectiveText}`, `/* c */${effectiveText}`, `\ufeff${effectiveText}`, '\u0000', garbage(rng, 40)]) {
    fromEffective(`payload ${short(JSON.stringify(text), 40)}`, text);
  }
  fromEffective('payload {}', '{}');
  // Unknown extra fields, hostile keys.
  const extras: [string, unknown][] = [
    ['extra', 1], ['user_id', targets.sentinel], ['admin', true], ['is_admin', true], ['userId', targets.sentinel], ['GAME_ID', QUIZVERSE.id],
    ['game_id ', QUIZVERSE.id], ['game_id\u0000', QUIZVERSE.id], ['constructor', { prototype: { admin: true } }], ['prototype', {}],
    ['hasOwnProperty', 1], ['toString', 'x'], ['', 1], ['😀', 1], ['k'.repeat(5000), 1], ['\u0001\u001f', 1], ["'; DROP TABLE storage; --", 1],
  ];
  for (const [key, value] of extras) {
    if (!Object.prototype.hasOwnProperty.call(schema, key)) fromEffective(`extra field ${short(JSON.stringify(key), 30)}`, JSON.stringify({ ...effective, [key]: value }));
  }
  fromEffective('extra field __proto__ {admin: true}', `${effectiveText.slice(0, -1)}${Object.keys(effective).length ? ',' : ''}"__proto__":{"admin":true}}`);
  fromEffective('payload {"__proto__": {"admin": true}}', '{"__proto__": {"admin": true}}');
  fromEffective('payload {"constructor": {"prototype": {"admin": true}}}', '{"constructor": {"prototype": {"admin": true}}}');
  // Each field: wrong types, out of range, hostile strings; and a duplicate key whose last value is wrong.
  for (const field of Object.keys(schema)) {
    for (const v of invalidValues(field, schema[field], effective[field], rng)) fromEffective(v.label, withField(field, v.value));
    fromEffective(`${field} duplicated, the last one wrong`, `${effectiveText.slice(0, -1)}${Object.keys(effective).length ? ',' : ''}${JSON.stringify(field)}:[]}`);
    fromEffective(`${field} nested 2,000 deep`, withField(field, JSON.parse(`${'['.repeat(2000)}${']'.repeat(2000)}`)));
  }
  // Deep and huge.
  fromEffective('[[[...]]] 10,000 deep', `${'['.repeat(10000)}${']'.repeat(10000)}`);
  fromEffective('{"a":{"a":...}} 2,000 deep', `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`);
  fromEffective('an extra field nested 8,000 deep (under 16 KB)', `${effectiveText.slice(0, -1)}${Object.keys(effective).length ? ',' : ''}"x":${'['.repeat(8000)}${']'.repeat(8000)}}`);
  fromEffective('over 16 KB: a long extra field', JSON.stringify({ ...effective, pad: 'x'.repeat(17000) }));
  fromEffective('over 16 KB: whitespace around a valid payload', `${' '.repeat(9000)}${effectiveText}${' '.repeat(9000)}`);
  fromEffective('over 16 KB: 200 KB', JSON.stringify({ ...effective, pad: 'y'.repeat(200000) }));
  fromEffective('over 16 KB: 20,000 unknown keys', JSON.stringify(Object.fromEntries(Array.from({ length: 20000 }, (_, i) => [`k${i}`, i]))));

  // Admitted but odd: reaches the handlers. Once with real ids (an achievement, a mode) so handlers go
  // deep, once with ids that exist nowhere; a user is always the bystander or a user that does not exist.
  // Admin RPCs that name no user change what everyone shares (seasons, events, definitions): an
  // admitted payload for them must be refused or name something that exists nowhere, never e.g. end
  // another test's running season. So: no real ids for them, and a real game only beside such a name.
  const shared = h.rpc.access === 'admin' && !Object.keys(schema).some((f) => (schema[f].type === 'uuid' || schema[f].type === 'user') && f !== 'game_id');
  const namesSomething = Object.keys(schema).some((f) => f !== 'game_id' && schema[f].required && ['string', 'object', 'array'].indexOf(schema[f].type) >= 0);
  const realGame = (text: string) => GAMES.some((g) => (JSON.parse(text) as { game_id?: unknown }).game_id === g.id);
  const deep: { [key: string]: unknown } = { ...effective };
  for (const field of Object.keys(schema)) if ((schema[field].type === 'uuid' || schema[field].type === 'user') && field !== 'game_id' && field in deep) deep[field] = targets.bystander;
  // An achievement without requirements, so progress for any user changes something (and grants coins).
  if ('achievement_id' in deep) deep.achievement_id = homeGame(h).id === QUIZVERSE.id ? 'first_correct_answer' : 'first_kill';
  for (const field of Object.keys(schema)) {
    for (const v of admittedOddValues(h, field, schema[field], rng, targets)) {
      const inertText = JSON.stringify({ ...inert, [field]: v.value });
      if (shared && !v.mustRefuse && !namesSomething && realGame(inertText)) continue;
      if (!shared) candidates.push({ label: v.label, text: JSON.stringify({ ...deep, [field]: v.value }), from: 'inert', mustRefuse: v.mustRefuse });
      candidates.push({ label: `${v.label}, other ids missing`, text: inertText, from: 'inert', mustRefuse: v.mustRefuse });
    }
  }

  const variants: Variant[] = [];
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c.text)) continue;
    seen.add(c.text);
    const admitted = payloadAdmitted(schema, c.text, h.rpc.maxPayloadBytes || MAX_PAYLOAD_BYTES);
    // An effective payload the rules admit would be a real call on the sentinel, not a fuzz case.
    if (c.from === 'effective' && admitted) continue;
    variants.push({ label: c.label, text: c.text, kind: admitted ? 'admitted' : 'invalid', mustRefuse: c.mustRefuse });
  }
  return variants;
}

// ---------------------------------------------------------------------------------------------------
// Calls.

type Caller = { kind: 'player'; token: string; label: string } | { kind: 'server' };
interface Outcome { status: number; body: unknown; text: string }

/** A player's call as nakama-js makes it (the payload wrapped in a JSON string), or a server-to-server call with the http key. */
async function send(id: string, text: string, caller: Caller): Promise<Outcome> {
  const { host, port, httpKey } = server();
  const res = caller.kind === 'player'
    ? await fetch(`http://${host}:${port}/v2/rpc/${id}`, { method: 'POST', headers: { authorization: `Bearer ${caller.token}`, 'content-type': 'application/json' }, body: JSON.stringify(text) })
    : await fetch(`http://${host}:${port}/v2/rpc/${id}?http_key=${encodeURIComponent(httpKey)}&unwrap`, { method: 'POST', body: text });
  const body = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, text: body };
}

/** Run tasks with at most `limit` in flight. */
async function pool<T>(tasks: (() => Promise<T>)[], limit = 8): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** A session without a socket (fuzzing needs only HTTP). */
async function freshSession(label: string): Promise<{ token: string; userId: string }> {
  const { host, port, serverKey } = server();
  const client = new Client(serverKey, host, port, false);
  const session = await client.authenticateDevice(`fuzz-${label}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`, true);
  return { token: session.token, userId: session.user_id! };
}

// ---------------------------------------------------------------------------------------------------
// Judging one answer.

/** gRPC code -> HTTP status, as Nakama maps them (grpc-gateway). */
const HTTP_OF: { [code: number]: number } = { 3: 400, 5: 404, 6: 409, 7: 403, 8: 429, 9: 400, 13: 500, 16: 401 };
const ERROR_CODES = Object.keys(ERRORS);
/** Things no client error may show: runtime internals, stack traces, database errors. */
const INTERNALS = [/TypeError|ReferenceError|RangeError|SyntaxError:/, /\bat .+\.js:\d+/, /goroutine|panic:/i, /\bpq: |SQLSTATE|sql: /i, /GoError|github\.com\//];

interface Finding { rpc: string; caller: string; label: string; request: string; status: number; response: string; problem: string }

function judge(h: HostedRpc, caller: Caller, v: Variant, o: Outcome): string | null {
  const body = (o.body || {}) as { code?: unknown; message?: unknown };
  if (o.status >= 500 || body.code === 13) return 'INTERNAL';
  const permitted = h.rpc.access === 'any' || (caller.kind === 'server' ? h.rpc.access === 'admin' : h.rpc.access === 'player');
  if (o.status >= 200 && o.status < 300) {
    if (!permitted) return 'answered a caller without access';
    if (v.kind === 'invalid') return 'accepted a payload the schema refuses';
    if (v.mustRefuse) return 'accepted a nonsense value';
    return o.body !== undefined && typeof o.body === 'object' ? null : 'answered with something that is not JSON';
  }
  if (typeof body.code !== 'number' || typeof body.message !== 'string') return 'an error without {code, message}';
  const message = body.message;
  if (HTTP_OF[body.code] !== o.status) return `HTTP ${o.status} does not match code ${body.code}`;
  if (!ERROR_CODES.some((c) => message.startsWith(`${c}:`))) return 'the message does not start with a documented error code';
  for (const pattern of INTERNALS) if (pattern.test(message) && !pattern.test(v.text)) return `the message shows internals (${pattern})`;
  if (body.code === 8) return 'rate limited: the payload never reached validation (the fuzz spreads calls over more users than this)';
  if (!permitted) return body.code === (caller.kind === 'server' ? 16 : 7) ? null : `code ${body.code} where the access error was due`;
  if (v.kind === 'invalid') return body.code === 3 && /^(INVALID_PAYLOAD|INVALID_FIELD): /.test(message) ? null : `code ${body.code} (${short(message, 80)}) where INVALID_PAYLOAD / INVALID_FIELD was due`;
  return [3, 5, 6, 9].indexOf(body.code) >= 0 ? null : `unexpected code ${body.code}`;
}

const describeFindings = (list: Finding[]) => list.map((f) =>
  `${f.rpc} as ${f.caller} [${f.label}]: ${f.problem}\n    request  ${short(f.request, 300)}\n    response ${f.status} ${short(f.response, 300)}`).join('\n');

// ---------------------------------------------------------------------------------------------------
// The sentinel's state.

async function accountExport(userId: string): Promise<any> {
  const { host, consolePort } = server();
  const token = await consoleToken();
  const res = await fetch(`http://${host}:${consolePort}/v2/console/account/${userId}/export`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`account export failed: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Everything the sentinel owns, as the player and an operator see it. */
async function stateOf(player: Player): Promise<unknown> {
  const perGame: { [gameId: string]: unknown } = {};
  for (const game of GAMES) {
    const g = { game_id: game.id };
    perGame[game.slug] = {
      overview: await rpc(player, 'player_overview', g),
      achievements: await rpc(player, 'achievements_get_all', g),
      stats: await rpc(player, 'achievements_get_player_stats', g),
      history: await rpc(player, 'matchmaking_get_match_history', { ...g, limit: 100 }),
    };
  }
  const exported = await accountExport(player.userId);
  const { online, ...user } = exported.account.user; // online follows the socket, not the data
  return {
    perGame,
    ledger: await walletLedger(player.userId),
    account: { ...exported.account, user },
    storage: exported.objects || [],
    notifications: exported.notifications || [],
    leaderboardRecords: exported.leaderboard_records || [],
  };
}

// ---------------------------------------------------------------------------------------------------

describe('a client sending malformed, wrong-typed, huge or hostile payloads to any RPC', () => {
  let sentinel: Player;
  let targets: Targets;
  let before: unknown;
  const variants: { [id: string]: Variant[] } = {};
  const users: { token: string; userId: string }[] = [];
  const internals: Finding[] = [];
  /** Calls one user makes to one RPC: below its limit per window, with a margin for calls in flight. */
  const perUser = (h: HostedRpc) => Math.max(1, Math.min(1000, callsPerWindow(h) - 2));

  beforeAll(async () => {
    sentinel = await connectPlayer('sentinel');
    const bystander = await freshSession('bystander');
    targets = { sentinel: sentinel.userId, bystander: bystander.userId };
    // The sentinel owns data in both games: coins, achievement progress, a notification, ratings.
    const q = { game_id: QUIZVERSE.id, user_id: sentinel.userId };
    const l = { game_id: LASTTOLIVE.id, user_id: sentinel.userId };
    await serverRpc('achievements_update_progress', { ...q, achievement_id: 'first_correct_answer', increment: 1 });
    await serverRpc('achievements_update_progress', { ...q, achievement_id: 'round_winner', increment: 5 });
    await serverRpc('achievements_update_progress', { ...l, achievement_id: 'veteran', increment: 3 });
    await serverRpc('matchmaking_update_skill_rating', { ...q, mode: 'duel', rating: 2111 });
    await serverRpc('matchmaking_update_skill_rating', { ...l, mode: 'solo', rating: 1777 });
    await sentinel.until(() => (sentinel.notifications.length > 0 ? true : undefined), 'the unlock notification');
    before = await stateOf(sentinel);

    // Player calls are rate limited per user and RPC: spread each RPC's payloads over enough users.
    let needed = 2;
    for (const h of HOSTED) {
      variants[h.rpc.id] = variantsOf(h, targets);
      needed = Math.max(needed, Math.ceil(variants[h.rpc.id].length / perUser(h)));
    }
    users.push(...(await Promise.all(Array.from({ length: needed }, (_, i) => freshSession(`p${i}`)))));
  });
  afterAll(() => sentinel?.close());

  test('every registered RPC is fuzzed, each with its declared payload schema', () => {
    expect(RPC_IDS.length).toBeGreaterThan(0);
    expect(RPC_IDS).toEqual(HOSTED.map((h) => h.rpc.id));
    for (const id of RPC_IDS) expect(variants[id].length).toBeGreaterThan(50);
  });

  test.each(RPC_IDS)('%s answers every bad payload with a clean client error, never an internal error', async (id) => {
    const h = hostedOf(id);
    const list = variants[id];
    const callers: { caller: Caller; v: Variant }[] = list.map((v, i) => {
      const user = users[Math.floor(i / perUser(h))];
      return { caller: { kind: 'player', token: user.token, label: `player ${user.userId}` }, v };
    });
    // Server-to-server: every payload of admin (and any-caller) RPCs; a sample for player RPCs (refused as unauthenticated).
    const forServer = h.rpc.access === 'player' ? list.slice(0, 8) : list;
    for (const v of forServer) callers.push({ caller: { kind: 'server' }, v });

    const findings = (await pool(callers.map(({ caller, v }) => async (): Promise<Finding | null> => {
      const o = await send(id, v.text, caller);
      const problem = judge(h, caller, v, o);
      if (!problem) return null;
      return { rpc: id, caller: caller.kind === 'server' ? 'server (http key)' : 'player', label: v.label, request: v.text, status: o.status, response: o.text, problem };
    }))).filter((f): f is Finding => f !== null);
    internals.push(...findings.filter((f) => f.problem === 'INTERNAL'));
    if (findings.length > 0) throw new Error(`${findings.length} of ${callers.length} answers were not clean:\n${describeFindings(findings)}`);
  });

  test('payloads over their limit (16 KB unless the RPC declares more) are refused as too large, whatever characters they are made of', async () => {
    // Three-byte characters: e.g. 6,000 are 18 KB on the wire, but only 6,000 characters in a JavaScript string.
    // Only object and array fields can carry that much (every string field has a maxLength).
    const checked: string[] = [];
    const wrong: string[] = [];
    for (const h of HOSTED) {
      const schema = h.rpc.payload;
      const field = Object.keys(schema).filter((f) => schema[f].type === 'object' || schema[f].type === 'array')[0];
      if (!field) continue;
      const limit = h.rpc.maxPayloadBytes || MAX_PAYLOAD_BYTES;
      const big = { name: '€'.repeat(Math.ceil(limit / 3) + 100) };
      const payload = { ...basePayload(h, { sentinel: NIL, bystander: NIL }, inertValue), [field]: schema[field].type === 'array' ? [big] : big };
      const text = JSON.stringify(payload);
      expect(Buffer.byteLength(text)).toBeGreaterThan(limit);
      const o = await send(h.rpc.id, text, h.rpc.access === 'admin' ? { kind: 'server' } : { kind: 'player', token: users[0].token, label: 'player' });
      checked.push(h.rpc.id);
      const body = (o.body || {}) as { code?: number; message?: string };
      if (!(o.status === 400 && body.code === 3 && /^INVALID_PAYLOAD: /.test(body.message || ''))) {
        wrong.push(`${h.rpc.id}: ${short(text, 120)} (${Buffer.byteLength(text)} bytes, ${text.length} characters) -> ${o.status} ${short(o.text, 200)}`);
      }
    }
    expect(checked.length).toBeGreaterThan(0);
    if (wrong.length > 0) throw new Error(`payloads over their limit not refused as too large:\n${wrong.join('\n')}`);
  });

  test('no payload made the server fail internally (INTERNAL / HTTP 500)', () => {
    if (internals.length > 0) throw new Error(`${internals.length} INTERNAL answers:\n${describeFindings(internals)}`);
  });

  test('the server keeps answering afterwards', async () => {
    const fresh = await connectPlayer('after-fuzz');
    try {
      expect(await rpc(fresh, 'player_overview', { game_id: QUIZVERSE.id })).toMatchObject({ game_id: QUIZVERSE.id, wallet: { coins: 0 } });
      expect(await rpc(fresh, 'player_overview', { game_id: LASTTOLIVE.id })).toMatchObject({ game_id: LASTTOLIVE.id, wallet: { coins: 0 } });
    } finally {
      fresh.close();
    }
  });

  test("the sentinel player's data is unchanged: wallets, ledger, achievements, ratings, history, storage, notifications", async () => {
    expect(await stateOf(sentinel)).toEqual(before);
  });
});
