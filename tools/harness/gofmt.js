'use strict';
/**
 * Go formatting used by Nakama, applied to Go values (see go-value.js):
 * - goJsonMarshal: encoding/json Marshal (sorted map keys, HTML escaping, float rules, unsupported values);
 * - goSprintf: the subset of fmt.Sprintf that JS loggers reach (logger.info(format, ...args)).
 * @module
 */
const { goKind } = require('./go-value');

/** Error raised by goJsonMarshal with Go's message text. */
class GoJsonError extends Error {}

/**
 * Go strings are UTF-8: lone surrogates become U+FFFD when goja exports a string.
 * @param {string} s
 * @returns {string}
 */
function toWellFormed(s) {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * @param {string} s
 * @returns {string}
 */
function jsonString(s) {
  let out = '"';
  for (const ch of toWellFormed(s)) {
    const c = ch.codePointAt(0) || 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) {
      out += '\\u' + c.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

/**
 * encoding/json float64 formatting.
 * @param {number} f
 * @returns {string}
 */
function jsonFloat(f) {
  if (Number.isNaN(f)) throw new GoJsonError('json: unsupported value: NaN');
  if (!Number.isFinite(f)) throw new GoJsonError(`json: unsupported value: ${f > 0 ? '+Inf' : '-Inf'}`);
  if (f === 0 && 1 / f < 0) return '-0';
  return String(f); // JS and Go agree: exponent form below 1e-6 and from 1e21, shortest round-trip digits.
}

/**
 * Go byte-wise (UTF-8) string order, used for map keys.
 * @param {string} a
 * @param {string} b
 * @returns {number}
 */
function goStringCompare(a, b) {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * @param {unknown} v a Go value
 * @returns {string} the JSON text Go's json.Marshal would produce
 * @throws {GoJsonError} with Go's error text for unsupported values
 */
function goJsonMarshal(v) {
  const kind = goKind(v);
  const any = /** @type {any} */ (v);
  switch (kind) {
    case 'nil': return 'null';
    case 'bool': return any ? 'true' : 'false';
    case 'string': return jsonString(any);
    case 'int64': return String(any);
    case 'float64': return jsonFloat(any);
    case 'bigint': return any.toString();
    case 'slice': return '[' + any.map(goJsonMarshal).join(',') + ']';
    case 'arraybuffer': return '{}';
    case 'pairs': return '[' + any.get('items').map((/** @type {unknown[]} */ p) => '[' + goJsonMarshal(p[0]) + ',' + goJsonMarshal(p[1]) + ']').join(',') + ']';
    case 'typed': {
      const k = any.get('kind');
      if (k === 'Uint8Array' || k === 'Uint8ClampedArray') return jsonString(Buffer.from(any.get('values')).toString('base64'));
      return '[' + any.get('values').map(goJsonMarshal).join(',') + ']';
    }
    case 'time': return jsonString(new Date(any.get('ms')).toISOString().replace(/\.?0+Z$/, 'Z').replace(/\.Z$/, 'Z'));
    case 'func': throw new GoJsonError('json: unsupported type: func(goja.FunctionCall) goja.Value');
    case 'symbol': throw new GoJsonError('json: unsupported type: *goja.Symbol');
    default: {
      const keys = Object.keys(any).sort(goStringCompare);
      return '{' + keys.map((k) => jsonString(k) + ':' + goJsonMarshal(any[k])).join(',') + '}';
    }
  }
}

/** Go type names used in fmt's "%!verb(type=value)" output. */
const GO_TYPE_NAMES = {
  nil: '<nil>', bool: 'bool', string: 'string', int64: 'int64', float64: 'float64', bigint: '*big.Int',
  slice: '[]interface {}', map: 'map[string]interface {}', arraybuffer: 'goja.ArrayBuffer', pairs: '[][2]interface {}',
  typed: '[]uint8', time: 'time.Time', func: 'func(goja.FunctionCall) goja.Value', symbol: '*goja.Symbol',
};

/**
 * Go %v for float64: %g with the shortest representation, exponent form below 1e-4 or from 1e21.
 * @param {number} f
 * @returns {string}
 */
function goFloatV(f) {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  const a = Math.abs(f);
  if (a !== 0 && (a < 1e-4 || a >= 1e21)) {
    const [m, e] = f.toExponential().split('e');
    const exp = Number(e);
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return (f === 0 && 1 / f < 0) ? '-0' : String(f);
}

/**
 * Formats one Go value with a verb (no width handling here).
 * @param {unknown} v
 * @param {string} verb
 * @param {{plus: boolean, sharp: boolean, prec: number|null}} flags
 * @returns {string}
 */
function formatValue(v, verb, flags) {
  const kind = goKind(v);
  const any = /** @type {any} */ (v);
  const bad = () => (kind === 'nil' ? `%!${verb}(<nil>)` : `%!${verb}(${GO_TYPE_NAMES[kind]}=${formatValue(v, 'v', flags)})`);
  if (verb === 'T') return kind === 'typed' ? `[]${String(any.get('kind')).replace(/Array$/, '').toLowerCase()}` : GO_TYPE_NAMES[kind];
  if (kind === 'slice' || kind === 'pairs' || kind === 'typed') {
    const items = kind === 'slice' ? any : kind === 'typed' ? any.get('values') : any.get('items');
    return '[' + items.map((/** @type {unknown} */ x) => formatValue(x, verb, flags)).join(' ') + ']';
  }
  if (kind === 'map') {
    const keys = Object.keys(any).sort(goStringCompare);
    return 'map[' + keys.map((k) => `${formatValue(k, verb, flags)}:${formatValue(any[k], verb, flags)}`).join(' ') + ']';
  }
  switch (verb) {
    case 'v':
      if (kind === 'nil') return '<nil>';
      if (kind === 'float64') return goFloatV(any);
      if (kind === 'arraybuffer') return `{${any.byteLength} bytes}`;
      if (kind === 'time') return new Date(any.get('ms')).toISOString();
      if (kind === 'func') return '0xfunc';
      if (kind === 'symbol') return `Symbol(${any.get('description')})`;
      if (kind === 'string' && flags.sharp) return JSON.stringify(any);
      return String(any);
    case 's': return kind === 'string' ? any : bad();
    case 'q': return kind === 'string' ? JSON.stringify(toWellFormed(any)) : bad();
    case 'd': return kind === 'int64' || kind === 'bigint' ? String(any) : bad();
    case 't': return kind === 'bool' ? String(any) : bad();
    case 'f': case 'F': return kind === 'float64' ? any.toFixed(flags.prec === null ? 6 : flags.prec) : bad();
    case 'e': return kind === 'float64' ? goExp(any, flags.prec === null ? 6 : flags.prec) : bad();
    case 'g': return kind === 'float64' ? (flags.prec === null ? goFloatV(any) : String(Number(any.toPrecision(flags.prec)))) : bad();
    case 'x': case 'X': {
      let s;
      if (kind === 'int64' || kind === 'bigint') s = (any < 0 ? '-' : '') + (any < 0 ? -any : any).toString(16);
      else if (kind === 'string') s = Buffer.from(any, 'utf8').toString('hex');
      else return bad();
      return verb === 'X' ? s.toUpperCase() : s;
    }
    case 'o': return kind === 'int64' ? any.toString(8) : bad();
    case 'b': return kind === 'int64' ? any.toString(2) : bad();
    case 'c': return kind === 'int64' ? String.fromCodePoint(any) : bad();
    default: return bad();
  }
}

/**
 * @param {number} f
 * @param {number} prec
 * @returns {string}
 */
function goExp(f, prec) {
  const [m, e] = f.toExponential(prec).split('e');
  const exp = Number(e);
  return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/**
 * fmt.Sprintf over Go values: verbs v s q d t f F e g x X o b c T and %%, flags + # - 0, width and precision.
 * Missing and extra arguments are reported the way Go does.
 * @param {string} format
 * @param {unknown[]} args Go values
 * @returns {string}
 */
function goSprintf(format, args) {
  let out = '';
  let argi = 0;
  const re = /%([+#\- 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g;
  let last = 0;
  let m;
  while ((m = re.exec(format)) !== null) {
    out += format.slice(last, m.index);
    last = re.lastIndex;
    const [, flagStr, width, prec, verb] = m;
    if (verb === '%') { out += '%'; continue; }
    if (argi >= args.length) { out += `%!${verb}(MISSING)`; continue; }
    const flags = { plus: flagStr.includes('+'), sharp: flagStr.includes('#'), prec: prec === undefined ? null : Number(prec) };
    let s = formatValue(args[argi++], verb, flags);
    if (verb === 's' && flags.prec !== null && goKind(args[argi - 1]) === 'string') s = s.slice(0, flags.prec);
    if (width !== undefined && s.length < Number(width)) {
      s = flagStr.includes('-') ? s.padEnd(Number(width)) : s.padStart(Number(width), flagStr.includes('0') && verb !== 's' ? '0' : ' ');
    }
    out += s;
  }
  out += format.slice(last);
  if (argi < args.length) {
    out += '%!(EXTRA ' + args.slice(argi).map((a) => {
      const kind = goKind(a);
      return kind === 'nil' ? '<nil>' : `${GO_TYPE_NAMES[kind]}=${formatValue(a, 'v', { plus: false, sharp: false, prec: null })}`;
    }).join(', ') + ')';
  }
  return out;
}

module.exports = { goJsonMarshal, goSprintf, GoJsonError, goStringCompare, toWellFormed };
