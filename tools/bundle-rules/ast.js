'use strict';
/**
 * Small helpers over acorn's syntax tree, shared by the scope analysis and the rules.
 */

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

// Message formatting: a node's source text, shortened.
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

module.exports = {
  childNodes,
  isFunctionNode,
  isStringLiteral,
  lineOf,
  at,
  collectPatternNames,
  collectVarDecls,
  varNamesOf,
  lexicalNamesOf,
  containsTypeof,
  snippet,
  fmtArg,
};
