'use strict';
/**
 * TypeScript types as JSON Schema (draft 2020-12), read with the compiler's type checker: what a
 * handler returns, what a match message holds. Named interfaces and type aliases of the project
 * become `$defs` (so recursive and shared shapes stay one definition); everything else is inlined.
 * Property comments become `description`s.
 */
const path = require('path');
const ts = require('typescript');

/**
 * @param {ts.TypeChecker} checker
 * @param {string} root the repository root: types declared outside it (lib, node_modules) are never named
 * @param {{ integers?: boolean }} [options] integers: every number is an integer (the match protocols)
 */
function createShapes(checker, root, { integers = false } = {}) {
  /** @type {{ [name: string]: object }} */
  const defs = {};
  /** name -> the declaration it was given to, so two types of one name get two names */
  const owners = new Map();

  /** The $defs name of a named project type, or null for a type to inline. */
  function nameOf(type) {
    const symbol = type.aliasSymbol || type.getSymbol();
    if (!symbol || (type.aliasTypeArguments && type.aliasTypeArguments.length) || (type.typeArguments && type.typeArguments.length)) return null;
    const declaration = (symbol.getDeclarations() || [])[0];
    if (!declaration || !(ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration))) return null;
    const file = path.resolve(declaration.getSourceFile().fileName);
    if (!file.startsWith(root + path.sep) || file.includes(`${path.sep}node_modules${path.sep}`)) return null;
    let name = symbol.getName();
    for (let n = 2; owners.has(name) && owners.get(name) !== declaration; n++) name = `${symbol.getName()}${n}`;
    owners.set(name, declaration);
    return name;
  }

  const docOf = (symbol) => ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();

  /** The schema of a type; `named` false describes a named type's body instead of referring to it. */
  function schemaOf(type, named = true) {
    const name = named ? nameOf(type) : null;
    if (name) {
      if (!defs[name]) {
        defs[name] = {}; // reserved first: a recursive reference finds it
        const body = schemaOf(type, false);
        const symbol = type.aliasSymbol || type.getSymbol();
        const doc = symbol ? docOf(symbol) : '';
        defs[name] = doc && !body.description ? { description: doc, ...body } : body;
      }
      return { $ref: `#/$defs/${name}` };
    }
    const f = type.flags;
    if (f & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (f & ts.TypeFlags.StringLiteral) return { const: type.value };
    if (f & ts.TypeFlags.NumberLiteral) return { const: type.value };
    if (f & ts.TypeFlags.BooleanLiteral) return { const: checker.typeToString(type) === 'true' };
    if (f & ts.TypeFlags.String) return { type: 'string' };
    if (f & ts.TypeFlags.Number) return { type: integers ? 'integer' : 'number' };
    if (f & ts.TypeFlags.Boolean) return { type: 'boolean' };
    if (f & ts.TypeFlags.Null) return { type: 'null' };
    if (f & ts.TypeFlags.Union) return unionOf(type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void))));
    if (f & ts.TypeFlags.Intersection) return objectOf(type);
    if (checker.isTupleType(type)) {
      const items = checker.getTypeArguments(type).map((t) => schemaOf(t));
      return { type: 'array', prefixItems: items, minItems: items.length, maxItems: items.length };
    }
    if (checker.isArrayType(type)) return { type: 'array', items: schemaOf(checker.getTypeArguments(type)[0]) };
    if (f & ts.TypeFlags.Object) return objectOf(type);
    throw new Error(`no JSON Schema for the type ${checker.typeToString(type)}`);
  }

  function unionOf(types) {
    if (types.length === 1) return schemaOf(types[0]);
    const booleans = types.filter((t) => t.flags & ts.TypeFlags.BooleanLiteral);
    const rest = types.filter((t) => !(t.flags & ts.TypeFlags.BooleanLiteral));
    const parts = (booleans.length === 2 ? [{ type: 'boolean' }] : booleans.map((t) => schemaOf(t))).concat(rest.map((t) => schemaOf(t)));
    if (parts.length === 1) return parts[0];
    if (parts.every((p) => 'const' in p)) return { enum: parts.map((p) => p.const) };
    return { anyOf: parts };
  }

  function objectOf(type) {
    if (checker.getSignaturesOfType(type, ts.SignatureKind.Call).length) throw new Error(`a function is no JSON: ${checker.typeToString(type)}`);
    const properties = {};
    const required = [];
    for (const p of checker.getPropertiesOfType(type)) {
      const declaration = p.valueDeclaration || (p.getDeclarations() || [])[0];
      const propType = declaration ? checker.getTypeOfSymbolAtLocation(p, declaration) : checker.getTypeOfSymbol(p);
      if (propType.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Void)) continue; // never in the JSON
      const optional = (p.flags & ts.SymbolFlags.Optional) !== 0 || includesUndefined(propType);
      let schema;
      try {
        schema = schemaOf(propType);
      } catch (error) {
        throw new Error(`${p.getName()}: ${error.message}`);
      }
      const doc = docOf(p);
      properties[p.getName()] = doc ? { description: doc, ...schema } : schema;
      if (!optional) required.push(p.getName());
    }
    const schema = { type: 'object' };
    if (Object.keys(properties).length) schema.properties = properties;
    if (required.length) schema.required = required;
    const index = checker.getIndexTypeOfType(type, ts.IndexKind.String);
    if (index) schema.additionalProperties = schemaOf(index);
    return schema;
  }

  const includesUndefined = (t) => (t.flags & ts.TypeFlags.Undefined) !== 0 || ((t.flags & ts.TypeFlags.Union) !== 0 && t.types.some((u) => u.flags & ts.TypeFlags.Undefined));

  return { schemaOf, defs };
}

module.exports = { createShapes };
