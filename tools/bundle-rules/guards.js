'use strict';
/**
 * Guard queries of the scope analysis: is a reference to a global goja lacks protected by a
 * `typeof` test, a branch goja never takes, or a try/catch? These are ScopeWalker methods
 * (scope.js mixes them into its prototype), so `this` is the walker: they read its `parents`
 * and `refByNode` maps.
 */
const { GOJA_TYPEOF, GOJA_ABSENT } = require('./constants');
const { childNodes, isFunctionNode, isStringLiteral, containsTypeof } = require('./ast');

const guardMethods = {
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
  },

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
  },

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
  },

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
  },
};

module.exports = guardMethods;
