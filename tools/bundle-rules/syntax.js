'use strict';
/**
 * Rule 1: the bundle is a plain ES script (runtime_javascript.go 1855-1856, goja.Parse), compiled
 * strict (goja.Compile(..., strict=true)), without ES2020 syntax goja rejects although acorn accepts it.
 */
const acorn = require('acorn');
const { childNodes, isFunctionNode, at } = require('./ast');

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

/**
 * Parses the bundle and reports rule-1 violations.
 * @param {string} source
 * @param {number} ecmaVersion
 * @param {(msg: string) => void} add
 * @returns {import('acorn').Program|null} null when the source does not parse (already reported)
 */
function checkSyntax(source, ecmaVersion, add) {
  // Rule 1: a plain ES script (runtime_javascript.go 1855-1856), compiled strict.
  let program;
  try {
    program = parseScript(source, ecmaVersion);
  } catch (e) {
    const line = e.loc ? e.loc.line : 0;
    const hint = /'import' and 'export'|sourceType: module|import\.meta/.test(e.message)
      ? ' (import/export are syntax errors: Nakama compiles the bundle as a plain script, not an ES module)' : '';
    add(`bundle does not parse as an ES${ecmaVersion} script: ${stripAcornPos(e.message)}${hint} (line ${line})`);
    return null;
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

  return program;
}

module.exports = { parseScript, checkSyntax };
