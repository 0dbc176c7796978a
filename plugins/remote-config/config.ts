/**
 * Remote config documents as pure data: validation, the merge of the fallback chain, and the list of
 * what a change changed (docs/live-ops-data.md).
 */
import { isPlainObject } from '../../core/shape';
import { isStorableText } from '../../core/validate';

export type Config = { [key: string]: unknown };

/** A config document (a default or a cohort variant) as JSON is at most this many bytes. */
export const MAX_CONFIG_BYTES = 8 * 1024;
const MAX_DEPTH = 6;
const KEY = /^[A-Za-z0-9_.-]{1,64}$/;
/** A change lists at most this many paths (then `...` and the count). */
const MAX_CHANGES = 50;

const isObject = (v: unknown): v is Config => isPlainObject(v);
/** Keys a JavaScript client would trip over (Object.prototype's members, e.g. constructor, toString, __proto__). */
const isReserved = (k: string) => k === 'prototype' || Object.prototype.hasOwnProperty.call(Object.prototype, k);

/** Problems with a config document at `path`: an object of JSON values, keys `[A-Za-z0-9_.-]{1,64}`, at most MAX_DEPTH deep and MAX_CONFIG_BYTES. */
export function configProblems(value: unknown, path: string): string[] {
  if (!isObject(value)) return [`${path}: must be a JSON object`];
  const problems: string[] = [];
  const walk = (v: unknown, at: string, depth: number): void => {
    if (problems.length >= 5) return;
    if (depth > MAX_DEPTH) { problems.push(`${at}: nests deeper than ${MAX_DEPTH} levels`); return; }
    if (typeof v === 'number' && !isFinite(v)) problems.push(`${at}: not a finite number`);
    else if (typeof v === 'string' && !isStorableText(v)) problems.push(`${at}: text with a NUL character or an unpaired surrogate`);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}[${i}]`, depth + 1));
    else if (isObject(v)) {
      for (const k of Object.keys(v)) {
        if (!KEY.test(k)) problems.push(`${at}.${k}: keys are 1-64 of A-Z a-z 0-9 _ . -`);
        else if (isReserved(k)) problems.push(`${at}.${k}: a reserved name (a member of every JavaScript object)`);
        else walk(v[k], `${at}.${k}`, depth + 1);
      }
    } else if (v !== null && typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') problems.push(`${at}: not a JSON value`);
  };
  walk(value, path, 1);
  const bytes = JSON.stringify(value).length;
  if (bytes > MAX_CONFIG_BYTES) problems.push(`${path}: ${bytes} bytes of JSON, at most ${MAX_CONFIG_BYTES}`);
  return problems;
}

/** `over` on top of `base`: objects merge key by key, all else (arrays included) is replaced. Neither is changed. */
export function mergeConfig(base: Config, over: Config): Config {
  const out: Config = { ...base };
  for (const k of Object.keys(over)) {
    const b = out[k];
    const o = over[k];
    out[k] = isObject(b) && isObject(o) ? mergeConfig(b, o) : o;
  }
  return out;
}

export interface ConfigChange { path: string; change: 'added' | 'removed' | 'changed' }

/** What differs between two config documents, by path (objects are compared key by key). */
export function configChanges(before: Config, after: Config, prefix = ''): ConfigChange[] {
  const out: ConfigChange[] = [];
  const keys = Object.keys(before).concat(Object.keys(after).filter((k) => !Object.prototype.hasOwnProperty.call(before, k)));
  for (const k of keys) {
    const path = prefix ? `${prefix}.${k}` : k;
    const had = Object.prototype.hasOwnProperty.call(before, k);
    const has = Object.prototype.hasOwnProperty.call(after, k);
    if (!has) out.push({ path, change: 'removed' });
    else if (!had) out.push({ path, change: 'added' });
    else if (isObject(before[k]) && isObject(after[k])) out.push(...configChanges(before[k] as Config, after[k] as Config, path));
    else if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out.push({ path, change: 'changed' });
  }
  return out;
}

/** The changes of a whole stored config (default and variants), at most MAX_CHANGES listed. */
export function changesOf(before: { default: Config; variants: Variants }, after: { default: Config; variants: Variants }): { changes: ConfigChange[]; more: number } {
  const all = configChanges({ default: before.default, variants: before.variants }, { default: after.default, variants: after.variants });
  return { changes: all.slice(0, MAX_CHANGES), more: Math.max(0, all.length - MAX_CHANGES) };
}

/** experiment id -> cohort id -> the config document that cohort gets over the game default. */
export type Variants = { [experimentId: string]: { [cohortId: string]: Config } };
