import { METRICS } from './metrics';
import { gameCollection, SYSTEM_USER } from './scope';
import type { Shape } from './shape';
import type { Target } from './storage';

/**
 * The registry of storage the module owns: every collection it reads or writes is a DocumentKind,
 * declared by the plugin (or core service) that owns it, and every read and write goes through one.
 * So each kind says, once: whose objects they are, the permissions the server writes them with,
 * their shape (every stored document is untrusted input: core/shape.ts), and whether players may
 * write them themselves. Nakama's client API can write storage only where a kind says so
 * (core/api-guards.ts); a new plugin's collection is therefore protected without anyone
 * remembering to. docs/security.md lists the kinds.
 */
export interface DocumentKind<T> {
  /** Unique among the module's kinds (snake_case). */
  name: string;
  /**
   * The collection within each game (`<game_id>:<collection>`), or, when `global`, the collection
   * itself; default: the name. System kinds may share a collection (they differ by key).
   */
  collection?: string;
  /** One collection for the whole module, not one per game (e.g. match records, keyed by match id). */
  global?: boolean;
  /**
   * Whose objects: 'player' - each player's own, readable by its owner (permissionRead 1);
   * 'system' - the system user's, which no client reads (permissionRead 0).
   */
  owner: 'player' | 'system';
  shape: Shape<T>;
  /** The value of a document that does not exist (or that could not be repaired). */
  empty?: () => T;
  /**
   * Only for free-form player data: players may write and delete these objects themselves (Nakama's
   * storage API or batch_write_storage), each value at most maxBytes of JSON, at most maxKeys objects
   * per player and game. The server writes them with permissionWrite 1; every other kind with 0.
   */
  playerWrites?: { maxBytes: number; maxKeys: number };
  /**
   * Written by several plugins, each in its own transactions (the reward inbox): applyOnce keeps no
   * event ids in it and skips no change for them; its writers dedupe by their own documents or by
   * ids in its content (the inbox's distribution ids).
   */
  shared?: boolean;
}

/**
 * What reading documents needs: Nakama, and a logger for what was wrong with one (a plugin's services
 * or an RPC call will do); `ahead`: documents read already (readAhead).
 */
export interface Store { nk: nkruntime.Nakama; logger: nkruntime.Logger; ahead?: { [address: string]: StoredDocument<unknown> } }

/** Keys players may give their own documents (batch_write_storage and Nakama's storage API). */
export const PLAYER_KEY = /^[A-Za-z0-9_.:-]{1,128}$/;

/** Where a document of a kind lives. */
export interface DocumentTarget<T> extends Target { kind: DocumentKind<T> }

/** A stored document read back: its value repaired to the kind's shape (null: missing or beyond repair) and version (null: none stored). */
export interface StoredDocument<T> { value: T | null; version: string | null }

/** Declare a kind (an identity: it gives the shape's type to the kind). */
export function defineDocument<T>(kind: DocumentKind<T>): DocumentKind<T> {
  return kind;
}

/** The collection of a kind in a game (global kinds: their own name). */
export function collectionOf(kind: DocumentKind<unknown>, gameId: string): string {
  const collection = kind.collection || kind.name;
  return kind.global ? collection : gameCollection(gameId, collection);
}

/** The document of `kind` at `key` in the game (global kinds ignore the game), owned by `userId` (default: the system user). */
export function documentAt<T>(kind: DocumentKind<T>, gameId: string, key: string, userId: string = SYSTEM_USER): DocumentTarget<T> {
  return { collection: collectionOf(kind, gameId), key, userId, kind };
}

/** The address alone (what nk.storageRead and storageDelete take). */
export const addressOf = (t: Target): Target => ({ collection: t.collection, key: t.key, userId: t.userId });

/**
 * A stored value repaired to its kind's shape, or null when it cannot be; what was wrong is logged
 * (and counted: `untrusted_documents` {kind, outcome: repaired|refused}), never served as it is.
 */
export function parseStored<T>({ nk, logger }: Store, kind: DocumentKind<T>, object: nkruntime.StorageObject): T | null {
  const problems: string[] = [];
  const value = kind.shape(object.value, 'value', problems);
  if (problems.length === 0) return value === undefined ? null : value;
  const outcome = value === undefined ? 'refused' : 'repaired';
  logger.warn('untrusted document %s/%s of %s %s: %s', object.collection, object.key, object.userId, outcome === 'refused' ? 'treated as missing' : 'repaired', problems.slice(0, 5).join('; '));
  nk.metricsCounterAdd(METRICS.untrustedDocuments, { kind: kind.name, outcome }, 1);
  return value === undefined ? null : value;
}

/** Read documents (one storage read), in the order of the targets. */
export function readStored<T>(store: Store, targets: DocumentTarget<T>[]): StoredDocument<T>[] {
  if (targets.length === 0) return [];
  const found: { [address: string]: nkruntime.StorageObject } = {};
  for (const o of store.nk.storageRead(targets.map(addressOf))) found[addressKey(o)] = o;
  return targets.map((t) => {
    const o = found[addressKey(t)];
    return o ? { value: parseStored(store, t.kind, o), version: o.version } : { value: null, version: null };
  });
}

/** One document's value, repaired to its shape; the kind's empty value (or null) when missing or beyond repair. */
export function readDocument<T>(store: Store, target: DocumentTarget<T>): T | null {
  return readDocuments<[T]>(store, [target])[0];
}

/** Several documents' values as readDocument gives them, in ONE storage read (a menu's documents together). */
export function readDocuments<T extends unknown[]>(store: Store, targets: { [K in keyof T]: DocumentTarget<T[K]> }): { [K in keyof T]: T[K] | null } {
  const list = targets as DocumentTarget<unknown>[];
  const { ahead } = store;
  const stored = ahead && list.every((t) => addressKey(t) in ahead) ? list.map((t) => ahead[addressKey(t)]) : readStored(store, list);
  return stored.map((s, i) => orEmpty(list[i].kind, s.value)) as { [K in keyof T]: T[K] | null };
}

/**
 * The store, with these documents read now in ONE storage read: its readDocument(s) of them take
 * them from there (a menu that shows several plugins' documents). Only for reads: transactions
 * (applyOnce) read for themselves.
 */
export function readAhead(store: Store, targets: DocumentTarget<unknown>[]): Store {
  const ahead: { [address: string]: StoredDocument<unknown> } = {};
  readStored(store, targets).forEach((stored, i) => { ahead[addressKey(targets[i])] = stored; });
  return { nk: store.nk, logger: store.logger, ahead };
}

/** The value, or the kind's empty value when there is none (null for kinds without one). */
export function orEmpty<T>(kind: DocumentKind<T>, value: T | null): T | null {
  return value !== null ? value : kind.empty ? kind.empty() : null;
}

/** The write of a document with its kind's permissions (version: see nkruntime.StorageWriteRequest). */
export function writeOf<T>(target: DocumentTarget<T>, value: T, version?: string): nkruntime.StorageWriteRequest {
  const request: nkruntime.StorageWriteRequest = {
    ...addressOf(target),
    value: value as unknown as { [key: string]: unknown },
    permissionRead: target.kind.owner === 'player' ? 1 : 0,
    permissionWrite: target.kind.playerWrites ? 1 : 0,
  };
  if (version !== undefined) request.version = version;
  return request;
}

/** Problems with the module's set of kinds (names, duplicates, shared collections); empty when valid. */
export function validateKinds(kinds: DocumentKind<unknown>[]): string[] {
  const problems: string[] = [];
  const names: { [name: string]: true } = {};
  const collections: { [collection: string]: DocumentKind<unknown> } = {};
  for (const kind of kinds) {
    const where = `document kind ${kind.name}`;
    const collection = `${kind.global ? 'global' : 'game'}:${kind.collection || kind.name}`;
    if (!SNAKE_CASE.test(kind.name) || !SNAKE_CASE.test(kind.collection || kind.name)) problems.push(`${where}: name and collection must be snake_case`);
    if (names[kind.name]) problems.push(`${where}: declared twice`);
    names[kind.name] = true;
    const other = collections[collection];
    if (other && (other.owner !== 'system' || kind.owner !== 'system')) problems.push(`${where}: shares its collection with ${other.name}; only system kinds may`);
    collections[collection] = kind;
    if (kind.playerWrites && (kind.owner !== 'player' || kind.global)) problems.push(`${where}: only per-game player documents may be player-writable`);
  }
  return problems;
}

const SNAKE_CASE = /^[a-z][a-z0-9_]*$/;

const addressKey = (t: Target) => `${t.collection}\n${t.key}\n${t.userId}`;
