'use strict';
/**
 * registerMatch(name, { matchInit: fn, ... }) as Nakama reads it (registerMatch and
 * getMatchHookFnIdentifier, runtime_javascript_init.go 1669-1829, 1843-1912): an inline object
 * literal (or a top-level var bound to one) with exactly the seven unquoted keys.
 */
const { MATCH_KEYS } = require('./constants');
const { snippet, fmtArg, at } = require('./ast');

/**
 * @param {object} ctx see checkInitRegistrations()
 * @param {object[]} args the call's arguments
 * @param {object} stmt the statement in InitModule
 */
function checkMatchCall(ctx, args, stmt) {
  const { source, add, topLevel, registrations, handlerFns, hijackers, resolveId, checkHandler, checkHijack, noteDuplicate } = ctx;
  const method = 'registerMatch';
  const desc = `registerMatch(${fmtArg(source, args[0])}, ...)`;
  if (args.length < 2) {
    add(`${desc}: needs a name and a handler object${at(stmt)}`);
    return;
  }
  const id = resolveId(args[0]);
  if (id.error) add(`${desc}: first argument ${id.error}${at(stmt)}`);
  checkHijack(hijackers, method, id, desc, stmt);
  let obj = null;
  const objArg = args[1];
  if (objArg.type === 'ObjectExpression') obj = objArg;
  else if (objArg.type === 'Identifier') {
    const b = topLevel.get(objArg.name);
    if (b && b.kind === 'var' && b.first && b.init && b.init.type === 'ObjectExpression') obj = b.init;
    else {
      const why = b && b.kind !== 'var' ? `a top-level \`${b.kind}\`` : b && b.kind === 'var' ? 'a top-level var that is not the first declarator of its statement initialised with an object literal' : 'not a top-level var';
      add(`${desc}: second argument \`${objArg.name}\` is ${why}: Nakama only resolves \`var ${objArg.name} = { ... }\` and otherwise dereferences a nil object and crashes at start-up; pass an inline object literal${at(stmt)}`);
    }
  } else {
    add(`${desc}: second argument must be an inline object literal (or a top-level var bound to one), got ${objArg.type}: Nakama dereferences a nil object and crashes at start-up${at(stmt)}`);
  }
  const handlers = {};
  if (obj) {
    const keysSeen = new Set();
    for (const prop of obj.properties) {
      if (prop.type === 'SpreadElement') {
        add(`${desc}: spread \`${snippet(source, prop)}\` is invisible to Nakama's syntax-tree lookup; list all seven handlers explicitly${at(prop)}`);
        continue;
      }
      if (prop.computed) {
        add(`${desc}: computed key \`${snippet(source, prop.key)}\` is not found by Nakama; use unquoted keys${at(prop)}`);
        continue;
      }
      let key;
      if (prop.key.type === 'Identifier') key = prop.key.name;
      else {
        key = String(prop.key.value);
        add(`${desc}: key ${prop.key.raw} is quoted: Nakama compares the raw key text, so quoted keys are not found; write ${key}: ... unquoted${at(prop)}`);
        continue;
      }
      if (!MATCH_KEYS.includes(key)) {
        add(`${desc}: unexpected key \`${key}\`: the handler object must have exactly the keys ${MATCH_KEYS.join(', ')}${at(prop)}`);
        continue;
      }
      if (keysSeen.has(key)) {
        add(`${desc}: key \`${key}\` appears twice${at(prop)}`);
        continue;
      }
      keysSeen.add(key);
      if (prop.kind !== 'init' || prop.method) {
        add(`${desc}: ${key} must be \`${key}: functionName\`, not a ${prop.kind !== 'init' ? prop.kind + 'ter' : 'method'} (inline functions are rejected)${at(prop)}`);
        continue;
      }
      const h = checkHandler(prop.value);
      if (h.error) add(`${desc}: ${key} ${h.error}${at(prop)}`);
      else {
        if (h.fn) handlerFns.add(h.fn);
        handlers[key] = h.name;
      }
    }
    const missing = MATCH_KEYS.filter((k) => !keysSeen.has(k));
    if (missing.length) add(`${desc}: handler object is missing ${missing.join(', ')} (Nakama: "<key> not found")${at(obj)}`);
  }
  if (id.value !== undefined && !noteDuplicate(`match:${id.value}`, desc, stmt, `match name ${JSON.stringify(id.value)}`)) {
    registrations.matches[id.value] = handlers;
  }
}

module.exports = { checkMatchCall };
