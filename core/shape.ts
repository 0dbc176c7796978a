/**
 * Shapes of stored documents: every document the server reads back is untrusted input (a console
 * edit, an old version's format, a bug, a forged write). A shape takes any value and returns it
 * repaired to the shape (entries that break it dropped, defaults filled in), or undefined when it
 * cannot be repaired; what it dropped or could not take is added to `problems` as `path: rule`.
 * Plain functions over plain data (they run under Nakama's frozen globals). Unknown fields are
 * dropped, so nothing a shape does not declare is ever served or written back.
 */
export type Shape<T> = (value: unknown, path: string, problems: string[]) => T | undefined;

/** A field a document may lack: missing or invalid, it is left out (an invalid one is reported). */
export interface OptionalShape<T> extends Shape<T> { optional: true }

type Out<S> = S extends Shape<infer T> ? T : never;
type Fields = { [field: string]: Shape<unknown> };
type Optional<F extends Fields> = { [K in keyof F]: F[K] extends OptionalShape<unknown> ? K : never }[keyof F];
type ObjectOf<F extends Fields> =
  { [K in Exclude<keyof F, Optional<F>>]: Out<F[K]> } & { [K in Optional<F>]?: Out<F[K]> };

const fail = (problems: string[], path: string, rule: string) => {
  problems.push(`${path}: ${rule}`);
  return undefined;
};

/** True for a JSON object (not an array, not null). */
/** `<at>.<field>: unknown field (known...)` for each field of `value` not among `known` (definition validators). */
export const unknownFields = (at: string, value: object, known: string[]): string[] =>
  Object.keys(value).filter((k) => known.indexOf(k) < 0).map((k) => `${at}.${k}: unknown field (${known.join(', ')})`);

export const isPlainObject = (v: unknown): v is { [key: string]: unknown } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An integer in [min, max]. */
export function int(min = -Number.MAX_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Shape<number> {
  return (v, path, problems) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fail(problems, path, `an integer from ${min} to ${max}`));
}

/** A finite number in [min, max]. */
export function num(min = -Number.MAX_VALUE, max = Number.MAX_VALUE): Shape<number> {
  return (v, path, problems) => (typeof v === 'number' && isFinite(v) && v >= min && v <= max ? v : fail(problems, path, `a number from ${min} to ${max}`));
}

/** A string of at most maxLength characters, matching `pattern` if given. */
export function str(maxLength = 256, pattern?: RegExp): Shape<string> {
  return (v, path, problems) => (typeof v === 'string' && v.length <= maxLength && (!pattern || pattern.test(v)) ? v : fail(problems, path, `a string of at most ${maxLength} characters${pattern ? ` matching ${pattern}` : ''}`));
}

/** Ids of the module's own kinds of thing (modes, achievements, seasons...): snake_case. */
export const snakeId = (maxLength = 64) => str(maxLength, /^[a-z][a-z0-9_]*$/);
/** A lowercase UUID (user ids, game ids). */
export const uuid = str(36, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
/** A Nakama match id: `<uuid>.<node>`. */
export const matchId = str(128, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[A-Za-z0-9_.-]*$/);

export const bool: Shape<boolean> = (v, path, problems) => (typeof v === 'boolean' ? v : fail(problems, path, 'a boolean'));

/** One of the listed strings. */
export function oneOf<T extends string>(...values: T[]): Shape<T> {
  return (v, path, problems) => (values.indexOf(v as T) >= 0 ? (v as T) : fail(problems, path, `one of ${values.join(', ')}`));
}

/** A field that may be absent (see OptionalShape). */
export function optional<T>(shape: Shape<T>): OptionalShape<T> {
  const s = ((v, path, problems) => (v === undefined || v === null ? undefined : shape(v, path, problems))) as OptionalShape<T>;
  s.optional = true;
  return s;
}

/** A field that falls back to `fallback()` when it is missing or invalid (an invalid one is reported). */
export function withDefault<T>(shape: Shape<T>, fallback: () => T): Shape<T> {
  return (v, path, problems) => {
    if (v === undefined || v === null) return fallback();
    const parsed = shape(v, path, problems);
    return parsed === undefined ? fallback() : parsed;
  };
}

/** An object with these fields; undefined when a required field is missing or cannot be repaired. */
export function obj<F extends Fields>(fields: F): Shape<ObjectOf<F>> {
  const names = Object.keys(fields);
  return (v, path, problems) => {
    if (!isPlainObject(v)) return fail(problems, path, 'an object');
    const out: { [key: string]: unknown } = {};
    for (const name of names) {
      const parsed = fields[name](v[name], `${path}.${name}`, problems);
      if (parsed !== undefined) out[name] = parsed;
      else if (!(fields[name] as OptionalShape<unknown>).optional) return undefined;
    }
    return out as ObjectOf<F>;
  };
}

/**
 * A map from keys to entries of one shape: entries that cannot be repaired are dropped, and so are
 * keys beyond maxKeys and `__proto__` (assigning it would replace the map's prototype).
 */
export function dict<T>(shape: Shape<T>, maxKeys = 1000, keyPattern?: RegExp): Shape<{ [key: string]: T }> {
  return (v, path, problems) => {
    if (!isPlainObject(v)) return fail(problems, path, 'an object');
    const out: { [key: string]: T } = {};
    let kept = 0;
    for (const key of Object.keys(v)) {
      if (key === '__proto__' || (keyPattern && !keyPattern.test(key))) {
        fail(problems, `${path}.${key}`, 'not a valid key');
        continue;
      }
      if (kept >= maxKeys) {
        fail(problems, `${path}.${key}`, `more than ${maxKeys} entries`);
        continue;
      }
      const parsed = shape(v[key], `${path}.${key}`, problems);
      if (parsed === undefined) continue;
      out[key] = parsed;
      kept++;
    }
    return out;
  };
}

/** A list of items of one shape: items that cannot be repaired are dropped; of a longer list, the last maxItems are kept. */
export function list<T>(shape: Shape<T>, maxItems = 1000): Shape<T[]> {
  return (v, path, problems) => {
    if (!Array.isArray(v)) return fail(problems, path, 'a list');
    const from = Math.max(0, v.length - maxItems);
    if (from > 0) fail(problems, path, `more than ${maxItems} items (the first ${from} dropped)`);
    const out: T[] = [];
    for (let i = from; i < v.length; i++) {
      const parsed = shape(v[i], `${path}[${i}]`, problems);
      if (parsed !== undefined) out.push(parsed);
    }
    return out;
  };
}

/** Any JSON object, taken as it is (free-form data whose owner decides its content, e.g. player saves). */
export const anyObject: Shape<{ [key: string]: unknown }> = (v, path, problems) => (isPlainObject(v) ? v : fail(problems, path, 'an object'));

/** A value taken as it is when `problemsOf` finds nothing wrong with it (e.g. a definition and its validator). */
export function checked<T>(problemsOf: (value: T) => string[]): Shape<T> {
  return (v, path, problems) => {
    const found = isPlainObject(v) ? problemsOf(v as unknown as T) : ['an object'];
    if (found.length === 0) return v as T;
    return fail(problems, path, found.slice(0, 3).join('; '));
  };
}
