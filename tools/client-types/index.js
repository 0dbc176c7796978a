#!/usr/bin/env node
'use strict';
/**
 * Generates what game clients build on, from the one source of truth, the code:
 * - client/rpc-types.ts: the payload and response type of every RPC (payloads from the declarations'
 *   schemas in the built bundle, responses from what each handler returns, read by the type checker);
 * - client/schemas/: JSON Schema (2020-12) files for every RPC payload and response and every match message
 *   (the `Payloads` map of each game's matches/<game>/protocol.ts), for Unity, Godot or Unreal types.
 * `npm run build:client` (tools/build-client.js) writes them; test/unit/client-types.test.ts fails when the committed files differ.
 */
const fs = require('fs');
const path = require('path');
const ts = require('typescript');
const { readDeclarations } = require('../rpc-reference');
const { createShapes } = require('./shapes');
const { printTypes } = require('./print');

const ROOT = path.resolve(__dirname, '..', '..');
const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
/** Each game's match protocol, by the slug its schemas are filed under. */
const PROTOCOLS = { quizverse: 'matches/quiz/protocol.ts', lasttolive: 'matches/br/protocol.ts' };

/** The project's TypeScript program (tsconfig.json) and its checker. */
function loadProgram() {
  const configPath = path.join(ROOT, 'tsconfig.json');
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
  const program = ts.createProgram(parsed.fileNames.concat(Object.values(PROTOCOLS).map((f) => path.join(ROOT, f))), parsed.options);
  return { program, checker: program.getTypeChecker() };
}

const propertyNamed = (node, name) => node.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === name);

/** rpc id -> the return type of its handler, for every RPC declaration (an object literal with id, response and handle). */
function handlerReturnTypes(program, checker) {
  const found = {};
  const visit = (node) => {
    if (ts.isObjectLiteralExpression(node)) {
      const id = propertyNamed(node, 'id');
      const handle = propertyNamed(node, 'handle');
      if (id && handle && propertyNamed(node, 'response') && ts.isPropertyAssignment(id) && ts.isStringLiteral(id.initializer)) {
        const fn = ts.isMethodDeclaration(handle) ? handle : handle.initializer;
        const signature = ts.isFunctionLike(fn) ? checker.getSignatureFromDeclaration(fn) : checker.getTypeAtLocation(fn).getCallSignatures()[0];
        if (found[id.initializer.text]) throw new Error(`two declarations of the rpc ${id.initializer.text}`);
        found[id.initializer.text] = checker.getReturnTypeOfSignature(signature);
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const file of program.getSourceFiles()) if (file.fileName.startsWith(path.join(ROOT, 'plugins'))) visit(file);
  return found;
}

/** A payload field rule (core/validate.ts FieldSpec) as JSON Schema. */
function fieldSchema(spec) {
  const uuid = { type: 'string', format: 'uuid', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' };
  switch (spec.type) {
    case 'string': {
      const s = { type: 'string' };
      if (spec.maxLength !== undefined) s.maxLength = spec.maxLength;
      if (spec.pattern) s.pattern = String(spec.pattern).replace(/^\/(.*)\/[a-z]*$/, '$1');
      return s;
    }
    case 'integer': {
      const s = { type: 'integer' };
      if (spec.min !== undefined) s.minimum = spec.min;
      if (spec.max !== undefined) s.maximum = spec.max;
      return s;
    }
    case 'boolean': return { type: 'boolean' };
    case 'uuid': return uuid;
    case 'user': return { ...uuid, description: "a player's user id" };
    case 'object': return { type: 'object' };
    case 'array': return spec.maxItems !== undefined ? { type: 'array', maxItems: spec.maxItems } : { type: 'array' };
    default: throw new Error(`no JSON Schema for the payload field type ${spec.type}`);
  }
}

/** An RPC payload schema: unknown fields are refused by the server, so none are allowed here. */
function payloadSchema(payload) {
  const properties = {};
  const required = [];
  for (const field of Object.keys(payload)) {
    properties[field] = fieldSchema(payload[field]);
    if (payload[field].required) required.push(field);
  }
  const schema = { type: 'object', properties, additionalProperties: false };
  if (required.length) schema.required = required;
  return schema;
}

/** The $defs a schema refers to, transitively. */
function defsUsed(schema, defs) {
  const used = {};
  const walk = (s) => {
    if (Array.isArray(s)) return s.forEach(walk);
    if (!s || typeof s !== 'object') return;
    if (typeof s.$ref === 'string') {
      const name = s.$ref.replace('#/$defs/', '');
      if (!used[name]) { used[name] = defs[name]; walk(defs[name]); }
    }
    Object.values(s).forEach(walk);
  };
  walk(schema);
  return used;
}

/** One self-contained schema file: the document, with the $defs it needs. */
function schemaFile(id, title, description, schema, defs, extra = {}) {
  const used = defsUsed(schema, defs);
  const sorted = {};
  for (const name of Object.keys(used).sort()) sorted[name] = used[name];
  return { $schema: SCHEMA_DIALECT, $id: id, title, description, ...extra, ...schema, ...(Object.keys(sorted).length ? { $defs: sorted } : {}) };
}

/** op name -> op code of a protocol's OP constant, and op code -> message type of its Payloads interface. */
function protocolOf(program, checker, file) {
  const source = program.getSourceFile(path.join(ROOT, file));
  const moduleSymbol = checker.getSymbolAtLocation(source);
  const exports = checker.getExportsOfModule(moduleSymbol);
  const op = exports.find((s) => s.getName() === 'OP');
  const payloads = exports.find((s) => s.getName() === 'Payloads');
  if (!op || !payloads) throw new Error(`${file} must export OP and an interface Payloads (op code -> message type)`);
  const names = {};
  for (const p of checker.getPropertiesOfType(checker.getTypeOfSymbol(op))) names[checker.getTypeOfSymbol(p).value] = { name: p.getName(), doc: ts.displayPartsToString(p.getDocumentationComment(checker)).trim() };
  const messages = checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(payloads)).map((p) => {
    const code = Number(p.getName());
    if (!names[code]) throw new Error(`${file}: Payloads has op code ${p.getName()}, which OP does not name`);
    return { code, ...names[code], type: checker.getTypeOfSymbol(p) };
  });
  const missing = Object.keys(names).filter((code) => !messages.some((m) => m.code === Number(code)));
  if (missing.length) throw new Error(`${file}: Payloads lacks the op codes ${missing.join(', ')}`);
  return messages;
}

/** Every generated file: path relative to the repository -> text. */
function generate(bundlePath) {
  const { rpcs } = readDeclarations(bundlePath);
  const { program, checker } = loadProgram();
  const returns = handlerReturnTypes(program, checker);
  const { schemaOf, defs } = createShapes(checker, ROOT);
  const files = {};
  const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
  const entries = [];
  for (const rpc of [...rpcs].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!returns[rpc.id]) throw new Error(`no handler found in plugins/ for the rpc ${rpc.id} (an object literal with id, response and handle)`);
    const request = payloadSchema(rpc.payload);
    let response;
    try {
      response = schemaOf(returns[rpc.id]);
    } catch (error) {
      throw new Error(`the response of ${rpc.id}: ${error.message}`);
    }
    const x = { 'x-rpc-id': rpc.id, 'x-access': rpc.access };
    files[`client/schemas/rpc/${rpc.id}.request.schema.json`] = json(schemaFile(`rpc/${rpc.id}.request`, `${rpc.id} payload`, rpc.description, request, defs, x));
    files[`client/schemas/rpc/${rpc.id}.response.schema.json`] = json(schemaFile(`rpc/${rpc.id}.response`, `${rpc.id} response`, rpc.description, response, defs, x));
    entries.push({ id: rpc.id, description: rpc.description, access: rpc.access, request, response });
  }
  // The protocols' numbers are all integers (their headers say so); RPC responses have fractions (means, ratios).
  const messages = createShapes(checker, ROOT, { integers: true });
  for (const game of Object.keys(PROTOCOLS)) {
    for (const m of protocolOf(program, checker, PROTOCOLS[game])) {
      const name = m.name.toLowerCase();
      const x = { 'x-op-code': m.code, 'x-direction': m.code < 10 ? 'client-to-server' : 'server-to-client' };
      files[`client/schemas/messages/${game}/${name}.schema.json`] = json(schemaFile(`messages/${game}/${name}`, `${game} ${m.name} (op code ${m.code})`, m.doc, messages.schemaOf(m.type), messages.defs, x));
    }
  }
  // The messages' own types come from the protocols themselves (client/quizverse.ts): only what the RPCs use here.
  files['client/rpc-types.ts'] = printTypes(entries, defsUsed(entries.map((e) => [e.request, e.response]), defs));
  return files;
}

/** Writes the generated files (the schema folder afresh, so a removed RPC's files go); returns how many. */
function writeGenerated(bundlePath) {
  const files = generate(bundlePath);
  fs.rmSync(path.join(ROOT, 'client', 'schemas'), { recursive: true, force: true });
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(ROOT, file)), { recursive: true });
    fs.writeFileSync(path.join(ROOT, file), text);
  }
  return Object.keys(files).length;
}

module.exports = { generate, writeGenerated };
