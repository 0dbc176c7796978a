'use strict';
/**
 * Scope analysis: every identifier reference, resolved or free, and the member mutations
 * (assignments, updates, deletes, array mutator calls) the frozen-globals rule needs.
 * The guard queries on the result (isGuarded and the helpers it uses) are in guards.js.
 */
const { ARRAY_MUTATORS } = require('./constants');
const { childNodes, isFunctionNode, collectPatternNames, varNamesOf, lexicalNamesOf } = require('./ast');
const guardMethods = require('./guards');

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
}

// typeofAliases, testGuards, evalTest and isGuarded: methods that read the walker's parents/refs.
Object.assign(ScopeWalker.prototype, guardMethods);

module.exports = { Scope, ScopeWalker };
