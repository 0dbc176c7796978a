'use strict';
/**
 * Static contract for the bundle Nakama 3.40 loads (bundle/index.js).
 *
 * Nakama does not execute registrations the way they read: it parses the file with goja, finds
 * InitModule in the syntax tree and, for every initializer.registerX(...) call, searches InitModule's
 * statements for the matching call to learn the NAME of the global function to run later in other
 * VMs. These checks reproduce those rules. Sources (nakama/v3@v3.40.0/server):
 *   runtime_javascript.go       1855-1856 goja.Parse + goja.Compile(..., strict=true)
 *                               2487-2491 r.Get("InitModule") must be a function
 *                               1757-1760, runtime_javascript_match_core.go 88-92: pool and match VMs
 *                               run only the top level, then freezeGlobalObject (2514-2527; config.go
 *                               1190 js_read_only_globals defaults to true)
 *                               194, 255, ... r.vm.Get(jsFn): handlers are looked up by name later
 *   runtime_javascript_init.go  1280-1305 getInitModuleFn (1298 >= 4 params, 1302 4th param identifier)
 *                               466-507 getRegisteredFnIdentifier (469 try recursion hard-codes
 *                               registerRpc, 479 callee.Left.(*ast.Identifier), 482 r.Get(id).String())
 *                               1307-1334 getHookFnIdentifier, 1422-1460 getRtHookFnIdentifier,
 *                               1669-1829 registerMatch, 1843-1912 getMatchHookFnIdentifier,
 *                               1914-1919 checkFnScope (global OBJECT, so not let/const/class)
 *                               426, 1360, 1396 ids are lowercased
 *   pipeline.go                 86-143 realtime messages that pass through before/after hooks
 * Verified against goja v0.0.0-20260701091749-b07b74453ea9 (the version Nakama 3.40 pins): quoted
 * object keys keep their quotes in StringLiteral.Literal; Runtime.Get sees top-level let/const but
 * GlobalObject().Get does not; import(), `for await` and async generators do not parse.
 */
const acorn = require('acorn');

// ---------------------------------------------------------------------------------------------
// What the initializer offers (runtime_javascript_init.go 101-284, mappings()).
// ---------------------------------------------------------------------------------------------
const HOOK_APIS = [
  'GetAccount', 'GetMatchmakerStats', 'UpdateAccount', 'DeleteAccount', 'AuthenticateApple', 'AuthenticateCustom',
  'AuthenticateDevice', 'AuthenticateEmail', 'AuthenticateFacebook', 'AuthenticateFacebookInstantGame',
  'AuthenticateGameCenter', 'AuthenticateGoogle', 'AuthenticateSteam', 'SessionRefresh', 'ListChannelMessages',
  'ListFriends', 'ListFriendsOfFriends', 'AddFriends', 'DeleteFriends', 'BlockFriends', 'ImportFacebookFriends',
  'ImportSteamFriends', 'CreateGroup', 'UpdateGroup', 'DeleteGroup', 'JoinGroup', 'LeaveGroup', 'AddGroupUsers',
  'BanGroupUsers', 'KickGroupUsers', 'PromoteGroupUsers', 'DemoteGroupUsers', 'ListGroupUsers', 'ListUserGroups',
  'ListGroups', 'DeleteLeaderboardRecord', 'DeleteTournamentRecord', 'ListLeaderboardRecords',
  'WriteLeaderboardRecord', 'ListLeaderboardRecordsAroundOwner', 'LinkApple', 'LinkCustom', 'LinkDevice',
  'LinkEmail', 'LinkFacebook', 'LinkFacebookInstantGame', 'LinkGameCenter', 'LinkGoogle', 'LinkSteam',
  'ListMatches', 'ListNotifications', 'DeleteNotifications', 'ListStorageObjects', 'ReadStorageObjects',
  'WriteStorageObjects', 'DeleteStorageObjects', 'JoinTournament', 'ListTournamentRecords', 'ListTournaments',
  'WriteTournamentRecord', 'ListTournamentRecordsAroundOwner', 'UnlinkApple', 'UnlinkCustom', 'UnlinkDevice',
  'UnlinkEmail', 'UnlinkFacebook', 'UnlinkFacebookInstantGame', 'UnlinkGameCenter', 'UnlinkGoogle', 'UnlinkSteam',
  'GetUsers', 'ValidatePurchaseApple', 'ValidateSubscriptionApple', 'ValidatePurchaseGoogle',
  'ValidateSubscriptionGoogle', 'ValidatePurchaseHuawei', 'ValidatePurchaseFacebookInstant',
  'ValidatePurchaseSamsung', 'ListSubscriptions', 'GetSubscription', 'ListParties', 'Event',
];

/** registerX(id, fn): the id is matched in the syntax tree, the fn is taken from the 2nd argument. */
const ID_FN_METHODS = new Set(['registerRpc', 'registerRtBefore', 'registerRtAfter', 'registerStorageIndexFilter']);

/** registerX(fn): registerHook / registerMatchmakerMatched / ... all use getHookFnIdentifier on argument 0. */
const SINGLE_FN_METHODS = new Set([
  'registerMatchmakerMatched', 'registerTournamentEnd', 'registerTournamentReset', 'registerLeaderboardReset',
  'registerShutdown', 'registerPurchaseNotificationApple', 'registerSubscriptionNotificationApple',
  'registerPurchaseNotificationGoogle', 'registerSubscriptionNotificationGoogle',
  ...HOOK_APIS.map((a) => 'registerBefore' + a),
  ...HOOK_APIS.map((a) => 'registerAfter' + a),
]);

const REGISTER_METHODS = new Set([...ID_FN_METHODS, ...SINGLE_FN_METHODS, 'registerMatch', 'registerStorageIndex']);
const INITIALIZER_METHODS = new Set([...REGISTER_METHODS, 'getConfig']);

/** runtime_javascript_init.go 1808-1816. */
const MATCH_KEYS = ['matchInit', 'matchJoinAttempt', 'matchJoin', 'matchLeave', 'matchLoop', 'matchTerminate', 'matchSignal'];

/** pipeline.go 86-143: client messages with before/after hooks (Rpc is excluded at 159-160). */
const RT_HOOK_MESSAGES = [
  'ChannelJoin', 'ChannelLeave', 'ChannelMessageSend', 'ChannelMessageUpdate', 'ChannelMessageRemove',
  'MatchCreate', 'MatchDataSend', 'MatchJoin', 'MatchLeave', 'MatchmakerAdd', 'MatchmakerRemove', 'Ping', 'Pong',
  'StatusFollow', 'StatusUnfollow', 'StatusUpdate', 'PartyCreate', 'PartyJoin', 'PartyLeave', 'PartyPromote',
  'PartyAccept', 'PartyRemove', 'PartyClose', 'PartyJoinRequestList', 'PartyMatchmakerAdd',
  'PartyMatchmakerRemove', 'PartyDataSend', 'PartyUpdate',
];
const RT_HOOK_MESSAGES_LOWER = new Map(RT_HOOK_MESSAGES.map((m) => [m.toLowerCase(), m]));

/** Names Node or browsers provide and goja does not. */
const MODULE_GLOBALS = new Set(['require', 'module', 'exports']);
const HOST_GLOBALS = new Set([
  'process', 'Buffer', 'console', 'setTimeout', 'setInterval', 'TextEncoder', 'TextDecoder', 'window', 'global',
]);

/** `typeof X` in goja for globals whose presence is known (absent ones are 'undefined'). */
const GOJA_TYPEOF = {
  globalThis: 'object', Object: 'function', Function: 'function', Array: 'function', String: 'function',
  Number: 'function', Boolean: 'function', Symbol: 'function', BigInt: 'function', Promise: 'function',
  Map: 'function', Set: 'function', WeakMap: 'function', WeakSet: 'function', Proxy: 'function',
  Reflect: 'object', JSON: 'object', Math: 'object', Date: 'function', RegExp: 'function', Error: 'function',
  ArrayBuffer: 'function', DataView: 'function', Uint8Array: 'function', Float64Array: 'function',
  BigInt64Array: 'function',
};
const GOJA_ABSENT = new Set([
  ...MODULE_GLOBALS, ...HOST_GLOBALS, 'self', 'navigator', 'document', 'queueMicrotask', 'setImmediate',
  'clearTimeout', 'clearInterval', 'crypto', 'fetch', 'atob', 'btoa', 'structuredClone', 'Intl', 'URL',
]);

const ARRAY_MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);

const DEFAULT_ECMA_VERSION = 2020;

// ---------------------------------------------------------------------------------------------
// Small AST helpers.
// ---------------------------------------------------------------------------------------------
const SKIP_KEYS = new Set(['type', 'start', 'end', 'loc', 'range', 'raw', 'regex', 'value', 'bigint']);

function childNodes(node) {
  const out = [];
  for (const key of Object.keys(node)) {
    if (SKIP_KEYS.has(key)) continue;
    const v = node[key];
    if (Array.isArray(v)) {
      for (const e of v) if (e && typeof e.type === 'string') out.push(e);
    } else if (v && typeof v.type === 'string') {
      out.push(v);
    }
  }
  return out;
}

function isFunctionNode(n) {
  return n && (n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression');
}

function isStringLiteral(n) {
  return n && n.type === 'Literal' && typeof n.value === 'string';
}

function lineOf(node) {
  return node && node.loc ? node.loc.start.line : 0;
}

function at(node) {
  return ` (line ${lineOf(node)})`;
}

function collectPatternNames(p, out) {
  if (!p) return out;
  switch (p.type) {
    case 'Identifier': out.push(p.name); break;
    case 'ObjectPattern':
      for (const prop of p.properties) collectPatternNames(prop.type === 'RestElement' ? prop.argument : prop.value, out);
      break;
    case 'ArrayPattern': for (const e of p.elements) collectPatternNames(e, out); break;
    case 'RestElement': collectPatternNames(p.argument, out); break;
    case 'AssignmentPattern': collectPatternNames(p.left, out); break;
    default: break;
  }
  return out;
}

/** `var` declarations hoisted to the scope of the given statements (not into nested functions). */
function collectVarDecls(stmt, out) {
  if (!stmt) return out;
  switch (stmt.type) {
    case 'VariableDeclaration': if (stmt.kind === 'var') out.push(stmt); break;
    case 'BlockStatement': for (const s of stmt.body) collectVarDecls(s, out); break;
    case 'IfStatement': collectVarDecls(stmt.consequent, out); collectVarDecls(stmt.alternate, out); break;
    case 'ForStatement': collectVarDecls(stmt.init, out); collectVarDecls(stmt.body, out); break;
    case 'ForInStatement': case 'ForOfStatement': collectVarDecls(stmt.left, out); collectVarDecls(stmt.body, out); break;
    case 'WhileStatement': case 'DoWhileStatement': case 'LabeledStatement': case 'WithStatement':
      collectVarDecls(stmt.body, out); break;
    case 'TryStatement':
      collectVarDecls(stmt.block, out);
      if (stmt.handler) collectVarDecls(stmt.handler.body, out);
      collectVarDecls(stmt.finalizer, out);
      break;
    case 'SwitchStatement': for (const c of stmt.cases) for (const s of c.consequent) collectVarDecls(s, out); break;
    default: break;
  }
  return out;
}

function varNamesOf(stmts) {
  const decls = [];
  for (const s of stmts) collectVarDecls(s, decls);
  const names = [];
  for (const d of decls) for (const decl of d.declarations) collectPatternNames(decl.id, names);
  return names;
}

/** let/const/class/function declared directly in a statement list (strict mode: block scoped). */
function lexicalNamesOf(stmts) {
  const names = [];
  for (const s of stmts) {
    if (s.type === 'VariableDeclaration' && s.kind !== 'var') for (const d of s.declarations) collectPatternNames(d.id, names);
    else if ((s.type === 'ClassDeclaration' || s.type === 'FunctionDeclaration') && s.id) names.push(s.id.name);
  }
  return names;
}

/** Does `node` (not looking into nested functions) contain `typeof <name>`? */
function containsTypeof(node, name) {
  if (!node) return false;
  if (node.type === 'UnaryExpression' && node.operator === 'typeof' && node.argument.type === 'Identifier' && node.argument.name === name) return true;
  if (isFunctionNode(node)) return false;
  return childNodes(node).some((c) => containsTypeof(c, name));
}

// ---------------------------------------------------------------------------------------------
// Scope analysis: every identifier reference, resolved or free.
// ---------------------------------------------------------------------------------------------
class Scope {
  constructor(parent, names, isProgram) {
    this.parent = parent;
    this.names = new Set(names);
    this.isProgram = !!isProgram;
  }
  resolve(name) {
    for (let s = this; s; s = s.parent) if (s.names.has(name)) return s;
    return null;
  }
}

class ScopeWalker {
  constructor(program) {
    this.parents = new Map();
    this.refs = [];
    this.refByNode = new Map();
    this.mutations = []; // { node, target: Identifier, fnStack }
    this.fnStack = [];
    this.topExec = true; // code that runs while the script's top level is evaluated
    const body = program.body;
    this.programScope = new Scope(null, [...varNamesOf(body), ...lexicalNamesOf(body)], true);
    this.scope = this.programScope;
    for (const s of body) this.visit(s, program);
  }

  withScope(names, fn) {
    const saved = this.scope;
    this.scope = new Scope(saved, names, false);
    try { fn(); } finally { this.scope = saved; }
  }

  ref(node, parent, write, typeofOperand) {
    this.parents.set(node, parent);
    const resolved = this.scope.resolve(node.name);
    const r = {
      name: node.name,
      node,
      write: !!write,
      typeofOperand: !!typeofOperand,
      scope: resolved,
      free: !resolved,
      topExec: this.topExec,
    };
    this.refs.push(r);
    this.refByNode.set(node, r);
  }

  visitAll(list, parent) {
    for (const n of list) if (n) this.visit(n, parent);
  }

  visitPattern(p, mode, parent) {
    if (!p) return;
    this.parents.set(p, parent);
    switch (p.type) {
      case 'Identifier':
        if (mode === 'assign') this.ref(p, parent, true, false);
        break;
      case 'MemberExpression':
        this.visit(p, parent);
        break;
      case 'ObjectPattern':
        for (const prop of p.properties) {
          this.parents.set(prop, p);
          if (prop.type === 'RestElement') { this.visitPattern(prop.argument, mode, prop); continue; }
          if (prop.computed) this.visit(prop.key, prop);
          this.visitPattern(prop.value, mode, prop);
        }
        break;
      case 'ArrayPattern':
        for (const e of p.elements) if (e) this.visitPattern(e, mode, p);
        break;
      case 'RestElement':
        this.visitPattern(p.argument, mode, p);
        break;
      case 'AssignmentPattern':
        this.visitPattern(p.left, mode, p);
        this.visit(p.right, p);
        break;
      default:
        this.visit(p, parent);
    }
  }

  visitFunction(fn, parent, iife) {
    this.parents.set(fn, parent);
    const savedTop = this.topExec;
    this.topExec = savedTop && !!iife;
    const names = [];
    if (fn.type === 'FunctionExpression' && fn.id) names.push(fn.id.name);
    for (const p of fn.params) collectPatternNames(p, names);
    if (fn.type !== 'ArrowFunctionExpression') names.push('arguments');
    const blockBody = fn.body.type === 'BlockStatement';
    if (blockBody) names.push(...varNamesOf(fn.body.body), ...lexicalNamesOf(fn.body.body));
    this.fnStack.push(fn);
    this.withScope(names, () => {
      for (const p of fn.params) this.visitPattern(p, 'bind', fn);
      if (blockBody) {
        this.parents.set(fn.body, fn);
        this.visitAll(fn.body.body, fn.body);
      } else {
        this.visit(fn.body, fn);
      }
    });
    this.fnStack.pop();
    this.topExec = savedTop;
  }

  visitClass(cls, parent) {
    this.parents.set(cls, parent);
    const inner = () => {
      if (cls.superClass) this.visit(cls.superClass, cls);
      this.parents.set(cls.body, cls);
      for (const el of cls.body.body) {
        this.parents.set(el, cls.body);
        if (el.computed) this.visit(el.key, el);
        if (el.type === 'StaticBlock') {
          const savedTop = this.topExec;
          this.topExec = false;
          this.withScope([...varNamesOf(el.body), ...lexicalNamesOf(el.body)], () => this.visitAll(el.body, el));
          this.topExec = savedTop;
        } else if (el.value) {
          if (isFunctionNode(el.value)) this.visitFunction(el.value, el, false);
          else {
            const savedTop = this.topExec;
            this.topExec = false;
            this.visit(el.value, el);
            this.topExec = savedTop;
          }
        }
      }
    };
    if (cls.type === 'ClassExpression' && cls.id) this.withScope([cls.id.name], inner);
    else inner();
  }

  isIifeCallee(callee) {
    if (isFunctionNode(callee)) return true;
    return callee.type === 'MemberExpression' && !callee.computed && isFunctionNode(callee.object) &&
      callee.property.type === 'Identifier' && (callee.property.name === 'call' || callee.property.name === 'apply');
  }

  visit(node, parent) {
    if (!node) return;
    this.parents.set(node, parent);
    switch (node.type) {
      case 'Identifier':
        this.ref(node, parent, false, false);
        return;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
        this.visitFunction(node, parent, false);
        return;
      case 'ClassDeclaration':
      case 'ClassExpression':
        this.visitClass(node, parent);
        return;
      case 'VariableDeclaration':
        for (const d of node.declarations) {
          this.parents.set(d, node);
          this.visitPattern(d.id, 'bind', d);
          this.visit(d.init, d);
        }
        return;
      case 'MemberExpression':
        this.visit(node.object, node);
        if (node.computed) this.visit(node.property, node);
        return;
      case 'Property':
        if (node.computed) this.visit(node.key, node);
        this.visit(node.value, node);
        return;
      case 'LabeledStatement':
        this.visit(node.body, node);
        return;
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'MetaProperty':
      case 'PrivateIdentifier':
        return;
      case 'AssignmentExpression':
        if (node.left.type === 'MemberExpression') {
          this.visit(node.left, node);
          this.mutations.push({ node, member: node.left, fnStack: this.fnStack.slice() });
        } else {
          this.visitPattern(node.left, 'assign', node);
        }
        this.visit(node.right, node);
        return;
      case 'UpdateExpression':
        if (node.argument.type === 'Identifier') this.ref(node.argument, node, true, false);
        else {
          this.visit(node.argument, node);
          if (node.argument.type === 'MemberExpression') this.mutations.push({ node, member: node.argument, fnStack: this.fnStack.slice() });
        }
        return;
      case 'UnaryExpression':
        if (node.operator === 'typeof' && node.argument.type === 'Identifier') {
          this.ref(node.argument, node, false, true);
          return;
        }
        this.visit(node.argument, node);
        if (node.operator === 'delete' && node.argument.type === 'MemberExpression') {
          this.mutations.push({ node, member: node.argument, fnStack: this.fnStack.slice() });
        }
        return;
      case 'CallExpression':
      case 'NewExpression': {
        if (this.isIifeCallee(node.callee)) {
          if (isFunctionNode(node.callee)) this.visitFunction(node.callee, node, true);
          else {
            this.parents.set(node.callee, node);
            this.visitFunction(node.callee.object, node.callee, true);
          }
        } else {
          this.visit(node.callee, node);
        }
        this.visitAll(node.arguments, node);
        const c = node.callee;
        if (node.type === 'CallExpression' && c.type === 'MemberExpression' && !c.computed &&
            c.property.type === 'Identifier' && ARRAY_MUTATORS.has(c.property.name)) {
          this.mutations.push({ node, member: c, call: true, fnStack: this.fnStack.slice() });
        }
        return;
      }
      case 'ForStatement': {
        const names = node.init && node.init.type === 'VariableDeclaration' && node.init.kind !== 'var'
          ? lexicalNamesOf([node.init]) : [];
        this.withScope(names, () => {
          this.visit(node.init, node);
          this.visit(node.test, node);
          this.visit(node.update, node);
          this.visit(node.body, node);
        });
        return;
      }
      case 'ForInStatement':
      case 'ForOfStatement': {
        const names = node.left.type === 'VariableDeclaration' && node.left.kind !== 'var' ? lexicalNamesOf([node.left]) : [];
        this.withScope(names, () => {
          if (node.left.type === 'VariableDeclaration') this.visit(node.left, node);
          else this.visitPattern(node.left, 'assign', node);
          this.visit(node.right, node);
          this.visit(node.body, node);
        });
        return;
      }
      case 'BlockStatement':
        this.withScope(lexicalNamesOf(node.body), () => this.visitAll(node.body, node));
        return;
      case 'SwitchStatement': {
        this.visit(node.discriminant, node);
        const all = [];
        for (const c of node.cases) all.push(...c.consequent);
        this.withScope(lexicalNamesOf(all), () => this.visitAll(node.cases, node));
        return;
      }
      case 'CatchClause':
        this.withScope(collectPatternNames(node.param, []), () => {
          if (node.param) this.visitPattern(node.param, 'bind', node);
          this.visit(node.body, node);
        });
        return;
      default:
        for (const c of childNodes(node)) this.visit(c, node);
    }
  }

  /**
   * Names whose value is a typeof test, e.g. `const hasNodeBuffer = typeof Buffer !== 'undefined'`
   * makes `hasNodeBuffer` a guard for Buffer.
   */
  typeofAliases() {
    if (this._aliases) return this._aliases;
    const aliases = new Map();
    const note = (name, init) => {
      const names = [];
      (function find(n) {
        if (!n || isFunctionNode(n)) return;
        if (n.type === 'UnaryExpression' && n.operator === 'typeof' && n.argument.type === 'Identifier') names.push(n.argument.name);
        for (const c of childNodes(n)) find(c);
      })(init);
      if (names.length) aliases.set(name, new Set([...(aliases.get(name) || []), ...names]));
    };
    for (const n of this.parents.keys()) {
      if (n.type === 'VariableDeclarator' && n.id.type === 'Identifier' && n.init) note(n.id.name, n.init);
    }
    this._aliases = aliases;
    return aliases;
  }

  /** Does the test expression check `typeof <name>`, directly or through a typeof alias? */
  testGuards(test, name) {
    if (containsTypeof(test, name)) return true;
    const aliases = this.typeofAliases();
    let found = false;
    (function find(n) {
      if (found || !n || isFunctionNode(n)) return;
      if (n.type === 'Identifier' && aliases.has(n.name) && aliases.get(n.name).has(name)) { found = true; return; }
      if (n.type === 'MemberExpression') { find(n.object); if (n.computed) find(n.property); return; }
      for (const c of childNodes(n)) find(c);
    })(test);
    return found;
  }

  /** Statically evaluate typeof tests on globals goja is known to have or lack; undefined if unknown. */
  evalTest(n) {
    if (!n) return undefined;
    if (n.type === 'UnaryExpression' && n.operator === '!') {
      const v = this.evalTest(n.argument);
      return v === undefined ? undefined : !v;
    }
    if (n.type === 'LogicalExpression' && (n.operator === '&&' || n.operator === '||')) {
      const l = this.evalTest(n.left);
      const r = this.evalTest(n.right);
      if (n.operator === '&&') return l === false || r === false ? false : l === true && r === true ? true : undefined;
      return l === true || r === true ? true : l === false && r === false ? false : undefined;
    }
    if (n.type === 'BinaryExpression' && ['===', '==', '!==', '!='].includes(n.operator)) {
      let t = null;
      let lit = null;
      if (n.left.type === 'UnaryExpression' && n.left.operator === 'typeof' && isStringLiteral(n.right)) { t = n.left.argument; lit = n.right.value; }
      if (n.right.type === 'UnaryExpression' && n.right.operator === 'typeof' && isStringLiteral(n.left)) { t = n.right.argument; lit = n.left.value; }
      if (!t || t.type !== 'Identifier') return undefined;
      const r = this.refByNode.get(t);
      if (!r || !r.free) return undefined;
      let actual;
      if (Object.prototype.hasOwnProperty.call(GOJA_TYPEOF, t.name)) actual = GOJA_TYPEOF[t.name];
      else if (GOJA_ABSENT.has(t.name)) actual = 'undefined';
      else return undefined;
      const eq = actual === lit;
      return n.operator === '===' || n.operator === '==' ? eq : !eq;
    }
    return undefined;
  }

  /**
   * Is this reference protected: a `typeof <name>` test (or an alias of one) on the way, a branch
   * goja never takes, or a try/catch around it?
   */
  isGuarded(ref) {
    let child = ref.node;
    let p = this.parents.get(child);
    while (p && p.type !== 'Program') {
      if ((p.type === 'IfStatement' || p.type === 'ConditionalExpression') && child !== p.test) {
        if (this.testGuards(p.test, ref.name)) return true;
        const v = this.evalTest(p.test);
        if ((child === p.consequent && v === false) || (child === p.alternate && v === true)) return true;
      }
      if (p.type === 'LogicalExpression' && child === p.right) {
        if (this.testGuards(p.left, ref.name)) return true;
        const v = this.evalTest(p.left);
        if ((p.operator === '&&' && v === false) || (p.operator === '||' && v === true)) return true;
      }
      if (p.type === 'TryStatement' && child === p.block && p.handler) return true;
      child = p;
      p = this.parents.get(p);
    }
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// The checker.
// ---------------------------------------------------------------------------------------------
function snippet(source, node, max = 40) {
  const text = source.slice(node.start, node.end).replace(/\s+/g, ' ');
  return text.length > max ? text.slice(0, max - 3) + '...' : text;
}

function fmtArg(source, node) {
  if (!node) return '';
  if (isStringLiteral(node)) return JSON.stringify(node.value);
  if (node.type === 'Identifier') return node.name;
  const text = source.slice(node.start, node.end);
  if (text.length <= 30 && !/\n/.test(text)) return text;
  return `<${node.type}>`;
}

function parseScript(source, ecmaVersion) {
  return acorn.parse(source, {
    ecmaVersion,
    sourceType: 'script',
    locations: true,
    allowHashBang: false,
    allowReturnOutsideFunction: false,
    allowAwaitOutsideFunction: false,
    allowImportExportEverywhere: false,
  });
}

function stripAcornPos(msg) {
  return String(msg).replace(/\s*\(\d+:\d+\)\s*$/, '');
}

function hasUseStrictDirective(program) {
  for (const s of program.body) {
    if (s.type !== 'ExpressionStatement' || typeof s.directive !== 'string') break;
    if (s.directive === 'use strict') return true;
  }
  return false;
}

function analyze(source, options) {
  const opts = options || {};
  const ecmaVersion = opts.ecmaVersion || DEFAULT_ECMA_VERSION;
  const violations = [];
  const add = (msg) => violations.push(msg);
  const registrations = { rpcs: {}, rtBefore: {}, rtAfter: {}, matches: {}, matchmakerMatched: null, other: [] };

  if (typeof source !== 'string') throw new TypeError('checkBundle(source): source must be a string');

  // Rule 1: a plain ES script (runtime_javascript.go 1855-1856), compiled strict.
  let program;
  try {
    program = parseScript(source, ecmaVersion);
  } catch (e) {
    const line = e.loc ? e.loc.line : 0;
    const hint = /'import' and 'export'|sourceType: module|import\.meta/.test(e.message)
      ? ' (import/export are syntax errors: Nakama compiles the bundle as a plain script, not an ES module)' : '';
    add(`bundle does not parse as an ES${ecmaVersion} script: ${stripAcornPos(e.message)}${hint} (line ${line})`);
    return { violations, registrations, program: null };
  }
  if (!hasUseStrictDirective(program)) {
    const prefix = '"use strict";';
    try {
      parseScript(prefix + source, ecmaVersion);
    } catch (e) {
      const line = e.loc ? e.loc.line : 0;
      add(`bundle breaks under strict mode (Nakama compiles it with goja.Compile(..., strict=true)): ${stripAcornPos(e.message)} (line ${line})`);
    }
  }

  // Rule 1 (goja): ES2020 syntax goja's parser rejects although acorn accepts it.
  (function walk(node) {
    if (node.type === 'ImportExpression') {
      add(`dynamic import() is not supported by goja (Nakama's JavaScript engine): "Unexpected reserved word" at load${at(node)}`);
    } else if (node.type === 'ForOfStatement' && node.await) {
      add(`\`for await\` is not supported by goja (Nakama's JavaScript engine): the bundle fails to compile${at(node)}`);
    } else if (isFunctionNode(node) && node.async && node.generator) {
      add(`async generator function${node.id ? ` \`${node.id.name}\`` : ''} is not supported by goja (Nakama's JavaScript engine): the bundle fails to compile${at(node)}`);
    }
    for (const c of childNodes(node)) walk(c);
  })(program);

  const walker = new ScopeWalker(program);

  // Top-level bindings: only function declarations and `var`s are properties of the global object.
  const topLevel = new Map();
  const topVarDecls = []; // every `var` in program scope (goja's Program.DeclarationList)
  for (const s of program.body) collectVarDecls(s, topVarDecls);
  for (const d of topVarDecls) {
    d.declarations.forEach((decl, i) => {
      for (const name of collectPatternNames(decl.id, [])) {
        if (!topLevel.has(name) || topLevel.get(name).kind === 'var') {
          topLevel.set(name, { kind: 'var', init: decl.id.type === 'Identifier' ? decl.init : null, first: i === 0, decl });
        }
      }
    });
  }
  for (const s of program.body) {
    if (s.type === 'FunctionDeclaration' && s.id) topLevel.set(s.id.name, { kind: 'function', fn: s });
    else if (s.type === 'ClassDeclaration' && s.id) topLevel.set(s.id.name, { kind: 'class' });
    else if (s.type === 'VariableDeclaration' && s.kind !== 'var') {
      for (const decl of s.declarations) {
        for (const name of collectPatternNames(decl.id, [])) topLevel.set(name, { kind: s.kind, init: decl.init });
      }
    }
  }

  // Rule 2: Node/browser globals. require/module/exports anywhere; the rest when run at load time.
  const reportedFree = new Set();
  for (const r of walker.refs) {
    if (!r.free || r.typeofOperand) continue;
    const isModule = MODULE_GLOBALS.has(r.name);
    const isHost = HOST_GLOBALS.has(r.name);
    if (r.write) {
      const key = `w:${r.name}:${lineOf(r.node)}`;
      if (reportedFree.has(key)) continue;
      reportedFree.add(key);
      add(`assignment to undeclared variable \`${r.name}\`: in strict mode (Nakama compiles the bundle strict) this throws a ReferenceError${at(r.node)}`);
      continue;
    }
    if (!isModule && !isHost) continue;
    if (isHost && !r.topExec) continue;
    if (walker.isGuarded(r)) continue;
    const key = `${r.name}:${lineOf(r.node)}`;
    if (reportedFree.has(key)) continue;
    reportedFree.add(key);
    const where = isHost ? 'used while the bundle\'s top level runs' : 'referenced';
    add(`\`${r.name}\` is ${where} but is not available in Nakama's JavaScript runtime (goja, not Node): guard it with \`typeof ${r.name} !== 'undefined'\` or remove it${at(r.node)}`);
  }

  // Rule 3: InitModule (getInitModuleFn, runtime_javascript_init.go 1280-1305; runtime_javascript.go 2487).
  let initFn = null;
  let initProblem = null;
  for (const s of program.body) {
    if (s.type === 'FunctionDeclaration' && s.id && s.id.name === 'InitModule') { initFn = s; initProblem = null; break; }
    if (s.type === 'VariableDeclaration' && s.declarations[0] && s.declarations[0].id.type === 'Identifier' &&
        s.declarations[0].id.name === 'InitModule') {
      const init = s.declarations[0].init;
      if (s.kind !== 'var') {
        initProblem = `InitModule is declared with top-level \`${s.kind}\`: Nakama's getInitModuleFn only accepts \`function InitModule(...)\` or \`var InitModule = function (...)\`, so every registration fails with "failed to find InitModule function"${at(s)}`;
      } else if (init && init.type === 'FunctionExpression') {
        initFn = init; initProblem = null;
      } else {
        initProblem = `\`var InitModule = ${init ? init.type : 'undefined'}\`: Nakama's getInitModuleFn only accepts a \`function\` declaration or \`var InitModule = function (...) {...}\` (arrow functions are not found)${at(s)}`;
      }
    }
  }
  let initName = null;
  if (!initFn) {
    if (initProblem) add(initProblem);
    else {
      let nested = null;
      (function find(n) {
        if (nested || !n) return;
        if ((n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression') && n.id && n.id.name === 'InitModule' && n !== initFn) { nested = n; return; }
        for (const c of childNodes(n)) find(c);
      })(program);
      if (nested) add(`InitModule is not declared at the top level of the script (is the bundle wrapped in an IIFE/UMD function?): Nakama only looks at top-level statements${at(nested)}`);
      else add('no top-level `function InitModule(ctx, logger, nk, initializer)` declaration: Nakama fails with "failed to find InitModule function"');
    }
  } else {
    if (initFn.params.length < 4) {
      add(`InitModule has ${initFn.params.length} parameter(s): Nakama requires at least 4 (ctx, logger, nk, initializer) and fails with "InitModule function is missing params"${at(initFn)}`);
    } else {
      const p = initFn.params[3];
      const target = p.type === 'AssignmentPattern' ? p.left : p;
      if (target.type !== 'Identifier') {
        add(`InitModule's 4th parameter must be a plain identifier (Nakama casts it to *ast.Identifier and panics), got ${p.type}${at(p)}`);
      } else {
        initName = target.name;
      }
    }
    if (initFn.async || initFn.generator) {
      add(`InitModule must be a plain synchronous function, not ${initFn.async ? 'async' : 'a generator'}: Nakama calls it once and reads registrations synchronously${at(initFn)}`);
    }
    // Rule 9 (part): minified parameter names.
    const shortParams = initFn.params.slice(0, 4).filter((p) => p.type === 'Identifier' && p.name.length <= 2);
    if (initFn.params.length >= 4 && shortParams.length >= 3) {
      add(`InitModule's parameters look minified (${initFn.params.slice(0, 4).map((p) => (p.type === 'Identifier' ? p.name : p.type)).join(', ')}): do not minify the bundle (Nakama resolves handlers by their global names)${at(initFn)}`);
    }
  }

  // Rule 9: minified top-level function names.
  const topFns = program.body.filter((s) => s.type === 'FunctionDeclaration' && s.id);
  const shortFns = topFns.filter((s) => s.id.name.length <= 2);
  if (topFns.length >= 3 && shortFns.length / topFns.length > 0.3) {
    add(`identifiers look minified: ${shortFns.length} of ${topFns.length} top-level function names have 1-2 characters (e.g. ${shortFns.slice(0, 5).map((s) => s.id.name).join(', ')}): do not minify the bundle`);
  }

  // Helpers shared by the registration rules.
  const resolveId = (node) => {
    if (!node) return { error: 'is missing (Nakama indexes the argument list and panics)' };
    if (node.type === 'SpreadElement') return { error: 'must not be a spread argument' };
    if (isStringLiteral(node)) {
      if (node.value === '') return { error: 'must be a non-empty string (Nakama: "expects a non empty string")' };
      return { value: node.value };
    }
    if (node.type === 'Identifier') {
      const b = topLevel.get(node.name);
      // Nakama compares r.Get(name).String() with the id (goja's Runtime.Get also sees top-level let/const).
      if (b && (b.kind === 'var' || b.kind === 'let' || b.kind === 'const')) {
        if (isStringLiteral(b.init) && b.init.value !== '') return { value: b.init.value };
        return { error: `\`${node.name}\` is a top-level ${b.kind} not initialised with a non-empty string literal: Nakama compares r.Get("${node.name}") with the id, which cannot be verified statically; use a string literal` };
      }
      if (b) return { error: `\`${node.name}\` is a top-level ${b.kind}, not a string; use a string literal` };
      return { error: `\`${node.name}\` is not a top-level variable: Nakama's r.Get("${node.name}") finds nothing and start-up panics (nil .String()); use a string literal` };
    }
    return {
      error: `must be a string literal, got ${node.type}: Nakama's syntax-tree lookup then matches this statement for every later id, silently routing them to this function`,
      hijack: true,
    };
  };

  // `rpc`: RPC handlers are only looked up later with Runtime.Get; hooks and matches also pass
  // checkFnScope (runtime_javascript_init.go 1916-1921), which reads the global OBJECT.
  const checkHandler = (node, rpc) => {
    const expect = 'must be an identifier naming a top-level function declaration';
    if (!node) return { error: `is missing; it ${expect}` };
    if (node.type !== 'Identifier') {
      const why = isFunctionNode(node) ? ' (inline functions are rejected: "javascript functions cannot be inlined")'
        : node.type === 'MemberExpression' ? ' (Nakama would look up the global named after the property)' : '';
      return { error: `${expect}, got ${node.type}${why}` };
    }
    const name = node.name;
    const b = topLevel.get(name);
    if (!b) {
      return { name, error: `\`${name}\` is not a top-level function (a local or undeclared name): Nakama looks handlers up by name on the global object, so it ${expect}` };
    }
    if (b.kind === 'let' || b.kind === 'const' || b.kind === 'class') {
      const why = rpc
        ? 'Nakama 3.40 happens to resolve RPC names with Runtime.Get, which also sees global lexical bindings, but hooks and matches require a global-object property, so this contract requires the same for every handler'
        : `checkFnScope looks it up on the global object and start-up fails with "function \"${name}\" not registered in the global object scope"`;
      return { name, error: `\`${name}\` is a top-level \`${b.kind}\`, which is not a property of the global object (${why}): it ${expect}` };
    }
    let fn = null;
    if (b.kind === 'function') fn = b.fn;
    else if (b.kind === 'var') {
      if (b.init && (b.init.type === 'FunctionExpression' || b.init.type === 'ArrowFunctionExpression')) fn = b.init;
      else if (b.init && b.init.type === 'Identifier' && topLevel.has(b.init.name) && topLevel.get(b.init.name).kind === 'function') fn = topLevel.get(b.init.name).fn;
      else return { name, error: `\`${name}\` is a top-level var not initialised with a function, so pool VMs (which only run the top level) do not have it: it ${expect}` };
    }
    if (fn && (fn.async || fn.generator)) {
      return { name, fn, error: `\`${name}\` is ${fn.async ? 'async' : 'a generator'}: Nakama handlers must be synchronous functions (a Promise/iterator result fails)` };
    }
    return { name, fn };
  };

  const checkHijack = (hijackers, method, id, desc, stmt) => {
    if (id.hijack) {
      if (!hijackers.has(method)) hijackers.set(method, desc);
    } else if (!id.error && hijackers.has(method)) {
      add(`${desc}: an earlier ${hijackers.get(method)} has a non-literal id, so Nakama's syntax-tree lookup for ${JSON.stringify(id.value)} stops there and uses that statement's function${at(stmt)}`);
    }
  };

  const handlerFns = new Set();
  const firstSeen = new Map(); // duplicate detection
  const noteDuplicate = (key, desc, node, what) => {
    if (firstSeen.has(key)) {
      add(`${desc}: duplicate ${what} (also registered at line ${firstSeen.get(key)}); Nakama keeps only one of them${at(node)}`);
      return true;
    }
    firstSeen.set(key, lineOf(node));
    return false;
  };

  if (initFn && initName) {
    const body = initFn.body.body;

    // Statements Nakama's lookups visit: InitModule's body and the bodies of try blocks in it.
    const seen = []; // { stmt, inTry }
    const scan = (list, inTry) => {
      for (const s of list) {
        if (s.type === 'TryStatement') scan(s.block.body, true);
        else if (s.type === 'ExpressionStatement') seen.push({ stmt: s, inTry });
      }
    };
    scan(body, false);
    const seenCalls = new Set();
    const hijackers = new Map(); // method -> first statement whose id is neither a literal nor an identifier

    for (const { stmt, inTry } of seen) {
      const call = stmt.expression;
      if (call.type !== 'CallExpression' || call.callee.type !== 'MemberExpression' || call.callee.computed) continue;
      const callee = call.callee;
      // Rule 7: callee.Left.(*ast.Identifier) is asserted for every such statement.
      if (callee.object.type !== 'Identifier') {
        add(`statement \`${snippet(source, stmt)}\` in InitModule: Nakama asserts that the object of every \`x.y(...)\` statement in InitModule is a plain identifier and panics at start-up on \`${callee.object.type}\`; move it into a helper function or assign to a local first${at(stmt)}`);
        continue;
      }
      if (callee.property.type !== 'Identifier') continue;
      const method = callee.property.name;
      if (callee.object.name !== initName) {
        if (REGISTER_METHODS.has(method)) {
          add(`${callee.object.name}.${method}(${fmtArg(source, call.arguments[0])}, ...) is not called on InitModule's 4th parameter \`${initName}\`: Nakama only recognises \`${initName}.${method}(...)\` and will not find this registration${at(stmt)}`);
        }
        continue;
      }
      seenCalls.add(call);
      if (!INITIALIZER_METHODS.has(method)) {
        add(`${initName}.${method}(...) is not a method of Nakama's initializer: start-up fails with a TypeError${at(stmt)}`);
        continue;
      }
      if (method === 'getConfig') continue;
      const args = call.arguments;

      if (ID_FN_METHODS.has(method)) {
        const desc = `${method}(${fmtArg(source, args[0])}, ...)`;
        if (args.length < 2) {
          add(`${desc}: needs an id and a function (Nakama reads ArgumentList[0] and [1] and panics otherwise)${at(stmt)}`);
          continue;
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
        if (id.value === undefined) continue;
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
        continue;
      }

      if (SINGLE_FN_METHODS.has(method)) {
        const desc = `${method}(${fmtArg(source, args[0])})`;
        if (args.length < 1) {
          add(`${desc}: needs a function argument${at(stmt)}`);
          continue;
        }
        const h = checkHandler(args[0]);
        if (h.error) add(`${desc}: argument ${h.error}${at(stmt)}`);
        else if (h.fn) handlerFns.add(h.fn);
        if (!noteDuplicate(`single:${method}`, desc, stmt, `${method} registration (only the first statement's function is used)`)) {
          if (method === 'registerMatchmakerMatched') registrations.matchmakerMatched = h.name || null;
          else registrations.other.push({ method, fn: h.name || null });
        }
        continue;
      }

      if (method === 'registerMatch') {
        const desc = `registerMatch(${fmtArg(source, args[0])}, ...)`;
        if (args.length < 2) {
          add(`${desc}: needs a name and a handler object${at(stmt)}`);
          continue;
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
        continue;
      }

      if (method === 'registerStorageIndex') {
        registrations.other.push({ method, id: isStringLiteral(args[0]) ? args[0].value : null, fn: null });
      }
    }

    // Rule 4: registrations anywhere else in InitModule are not seen; neither is an aliased initializer.
    (function walk(node, parent) {
      if (!node) return;
      if (node.type === 'CallExpression') {
        const c = node.callee;
        const viaInit = c.type === 'MemberExpression' && c.object.type === 'Identifier' && c.object.name === initName;
        const prop = c.type === 'MemberExpression' ? (c.computed ? (isStringLiteral(c.property) ? c.property.value : null) : c.property.name) : null;
        if (viaInit && prop && prop.startsWith('register') && !seenCalls.has(node)) {
          const desc = ID_FN_METHODS.has(prop) || prop === 'registerMatch' ? `${prop}(${fmtArg(source, node.arguments[0])}, ...)` : `${prop}(${fmtArg(source, node.arguments[0])})`;
          add(`${desc}: not seen by Nakama: registrations must be direct statements \`${initName}.${prop}(...);\` in InitModule's body (or in a try block there), not inside loops, ifs, callbacks, catch/finally, comma or optional-chain expressions, or with computed access${at(node)}`);
        }
      }
      if (node.type === 'Identifier' && node.name === initName && parent) {
        const isObjOfMember = parent.type === 'MemberExpression' && parent.object === node;
        if (!isObjOfMember) {
          add(`InitModule's initializer \`${initName}\` is passed or aliased (\`${snippet(source, parent)}\`): registrations made through it elsewhere are not seen by Nakama${at(node)}`);
        }
      }
      if (node.type === 'MemberExpression') {
        walk(node.object, node);
        if (node.computed) walk(node.property, node);
        return;
      }
      if (node.type === 'Property' && !node.computed && !node.shorthand) {
        walk(node.value, node);
        return;
      }
      for (const c of childNodes(node)) walk(c, node);
    })(initFn.body, initFn);
  }

  // Rule 4 (outside InitModule): register calls in helpers are never seen.
  (function walk(node) {
    if (!node || node === initFn) return;
    if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && !node.callee.computed &&
        node.callee.property.type === 'Identifier' && REGISTER_METHODS.has(node.callee.property.name)) {
      const prop = node.callee.property.name;
      add(`${snippet(source, node.callee)}(${fmtArg(source, node.arguments[0])}${node.arguments.length > 1 ? ', ...' : ''}) outside InitModule: not seen by Nakama, which only reads direct \`${initName || 'initializer'}.${prop}(...)\` statements in InitModule's body${at(node)}`);
    }
    for (const c of childNodes(node)) walk(c);
  })(program);

  // Frozen globals: handlers run in VMs where runtime.js_read_only_globals (default true) froze
  // every global object property (runtime_javascript.go 2514-2527).
  for (const m of walker.mutations) {
    if (!m.fnStack.some((f) => handlerFns.has(f))) continue;
    const obj = m.member.object;
    if (obj.type !== 'Identifier') continue;
    const r = walker.refByNode.get(obj);
    if (!r || !r.scope || !r.scope.isProgram) continue;
    const b = topLevel.get(obj.name);
    if (!b || (b.kind !== 'var' && b.kind !== 'function')) continue;
    if (m.call && !(b.kind === 'var' && b.init && b.init.type === 'ArrayExpression')) continue;
    add(`\`${snippet(source, m.node)}\` in a registered handler mutates top-level ${b.kind} \`${obj.name}\`, which Nakama freezes after load (runtime.js_read_only_globals, default true): it throws in strict mode; keep state in match state, storage or nk.localcache*${at(m.node)}`);
  }

  return { violations, registrations, program };
}

/**
 * Check a bundle against the rules Nakama 3.40 applies when loading it.
 * @param {string} source the bundle text
 * @param {{ecmaVersion?: number}} [options] ecmaVersion to parse with (default 2020)
 * @returns {string[]} human-readable violations; empty when the bundle is fine
 */
function checkBundle(source, options) {
  return analyze(source, options).violations;
}

/**
 * The registrations Nakama would read from InitModule (only the ones it can see).
 * Throws if the source does not parse.
 */
function listRegistrations(source, options) {
  const res = analyze(source, options);
  if (!res.program) throw new Error(res.violations[0]);
  return res.registrations;
}

module.exports = {
  checkBundle,
  listRegistrations,
  MATCH_KEYS,
  RT_HOOK_MESSAGES,
  REGISTER_METHODS: [...REGISTER_METHODS],
};
