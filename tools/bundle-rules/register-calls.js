'use strict';
/**
 * The registrations with an id and a function (registerRpc, registerRtBefore/After,
 * registerStorageIndexFilter) and those with a single function (registerBeforeX/AfterX hooks,
 * registerMatchmakerMatched, ...), as Nakama reads them from a statement in InitModule.
 */
const { RT_HOOK_MESSAGES, RT_HOOK_MESSAGES_LOWER, UNWIRED_HOOK_APIS } = require('./constants');
const { fmtArg, at } = require('./ast');

/**
 * registerX(id, fn): the id is matched in the syntax tree, the fn is taken from the 2nd argument.
 * @param {object} ctx see checkInitRegistrations()
 * @param {string} method
 * @param {object[]} args the call's arguments
 * @param {object} stmt the statement in InitModule
 * @param {boolean} inTry the statement is in a try block
 */
function checkIdFnCall(ctx, method, args, stmt, inTry) {
  const { source, add, registrations, handlerFns, hijackers, resolveId, checkHandler, checkHijack, noteDuplicate } = ctx;
  const desc = `${method}(${fmtArg(source, args[0])}, ...)`;
  if (args.length < 2) {
    add(`${desc}: needs an id and a function (Nakama reads ArgumentList[0] and [1] and panics otherwise)${at(stmt)}`);
    return;
  }
  const id = resolveId(args[0]);
  if (id.error) add(`${desc}: first argument ${id.error}${at(stmt)}`);
  checkHijack(hijackers, method, id, desc, stmt);
  const h = checkHandler(args[1], method === 'registerRpc');
  if (h.error) add(`${desc}: second argument ${h.error}${at(stmt)}`);
  else if (h.fn) handlerFns.add(h.fn);
  if (method === 'registerStorageIndexFilter' && inTry) {
    add(`${desc}: inside a try block Nakama searches for registerRpc instead (getRegisteredFnIdentifier recurses via getRegisteredRpcFnIdentifier), so this filter is not found; call it directly in InitModule's body${at(stmt)}`);
  }
  if (id.value === undefined) return;
  const lower = id.value.toLowerCase();
  if (method === 'registerRpc') {
    if (!noteDuplicate(`rpc:${lower}`, desc, stmt, `RPC id ${JSON.stringify(lower)} (Nakama lowercases RPC ids)`)) {
      registrations.rpcs[id.value] = h.name || null;
    }
  } else if (method === 'registerRtBefore' || method === 'registerRtAfter') {
    if (!RT_HOOK_MESSAGES_LOWER.has(lower)) {
      add(`${desc}: ${JSON.stringify(id.value)} is not a realtime message Nakama runs hooks for (one of ${RT_HOOK_MESSAGES.join(', ')}; matched case-insensitively)${at(stmt)}`);
    }
    const bucket = method === 'registerRtBefore' ? 'rtBefore' : 'rtAfter';
    if (!noteDuplicate(`${bucket}:${lower}`, desc, stmt, `${bucket} hook for ${JSON.stringify(id.value)} (case-insensitive)`)) {
      registrations[bucket][id.value] = h.name || null;
    }
  } else {
    if (!noteDuplicate(`sif:${lower}`, desc, stmt, `storage index filter ${JSON.stringify(lower)}`)) {
      registrations.other.push({ method, id: id.value, fn: h.name || null });
    }
  }
}

/**
 * registerX(fn): getHookFnIdentifier on argument 0.
 * @param {object} ctx see checkInitRegistrations()
 * @param {string} method
 * @param {object[]} args
 * @param {object} stmt
 */
function checkSingleFnCall(ctx, method, args, stmt) {
  const { source, add, registrations, handlerFns, checkHandler, noteDuplicate } = ctx;
  const desc = `${method}(${fmtArg(source, args[0])})`;
  if (args.length < 1) {
    add(`${desc}: needs a function argument${at(stmt)}`);
    return;
  }
  const api = /^register(?:Before|After)(\w+)$/.exec(method);
  if (api && UNWIRED_HOOK_APIS.has(api[1])) add(`${desc}: Nakama 3.40's JavaScript runtime never calls ${api[1]} hooks (runtime_javascript.go maps none), so this guards nothing${at(stmt)}`);
  const h = checkHandler(args[0]);
  if (h.error) add(`${desc}: argument ${h.error}${at(stmt)}`);
  else if (h.fn) handlerFns.add(h.fn);
  if (!noteDuplicate(`single:${method}`, desc, stmt, `${method} registration (only the first statement's function is used)`)) {
    if (method === 'registerMatchmakerMatched') registrations.matchmakerMatched = h.name || null;
    else registrations.other.push({ method, fn: h.name || null });
  }
}

module.exports = { checkIdFnCall, checkSingleFnCall };
