import { defineDocument, documentAt, readStored, writeOf, type Store } from '../../core/documents';
import type { DomainEvent } from '../../core/events';
import { anyObject, int, list, matchId, num, obj, oneOf, optional, snakeId, str, uuid, withDefault } from '../../core/shape';
import { decodeMessage } from './codec';
import { inputLogBytes, readInputLog, type InputLog, type LoggedInput } from './input-log';

/**
 * The match record: everything needed to replay a match and check the replay. Stored by the match
 * itself in the system-owned `match_records` collection: the head under the match id, the input log
 * in chunks under `<match id>/log/<n>` (flushed while the match runs, so match state stays small).
 * Admins read it with the `match_record_get` RPC; `npm run replay` re-runs it in the harness.
 */
export const RECORDS_COLLECTION = 'match_records';

/** One entry of the input log, in the order the match saw them. */
export type LogEntry =
  /** Players joined (before the loop of `tick`). */
  | { tick: number; join: string[] }
  /** Players left (before the loop of `tick`). */
  | { tick: number; leave: string[] }
  /**
   * The client messages of the loop of `tick` that became inputs (not those refused before the
   * rules saw them: over the rate cap, not msgpack, or refused by the game's decode), in arrival
   * order: [sender, opCode, decoded payload], the sender as its index in `players` (or its user id
   * when not listed).
   */
  | { tick: number; messages: [number | string, number, unknown][] };

export interface MatchRecordHead {
  match_id: string;
  module: string;
  game_id: string;
  mode: string;
  seed: string;
  /** The params nk.matchCreate received. */
  params: { [key: string]: unknown };
  players: { userId: string; username: string; team?: number }[];
  /**
   * 'running' while it runs (the head is stored when the match is created and with every chunk);
   * 'over' (the rules ended it); 'terminated' (the server stopped it early, e.g. a shutdown); 'aborted'
   * (its server died with it: SIGKILL, a crash; match_record_get marks a 'running' record of a match
   * that no longer runs so). An aborted match keeps the log stored up to its last chunk and what its
   * deliveries committed; it has no end, so no final state and no rating change.
   */
  ending: 'running' | 'over' | 'terminated' | 'aborted';
  /** The tick the match ended at (while running: the last tick stored). */
  end_tick: number;
  /** The tick the end's plugin deliveries were all applied and the match ended (0 before, and in records from before the field). */
  settled_tick: number;
  /** Chunks (input log and events) stored under `<match id>/log/<n>`, n = 0..chunks-1. */
  chunks: number;
  /** sha256 of the canonical JSON of the rules' final state ('' until the match has ended). */
  final_state_hash: string;
  /**
   * Cost on the server that ran it (ms; not part of the replayed state): the match loop per tick
   * (mean, p50, p99, max and the tick it was at; a tick includes the joins and leaves handled since the previous one),
   * plugin deliveries the match made itself in all (`deliver`) for `events` domain events, and those of the step that ended
   * the match (`end_deliver`: every player's end at once, spread over ticks under the delivery
   * budget); `handed`: events handed to the node's delivery worker instead (applied off the match's
   * ticks: matches/shared/outbox.ts). Records from before a field hold 0 in it.
   */
  loop_ms: { ticks: number; mean: number; p50: number; p99: number; max: number; max_tick: number; max_deliver: number; deliver: number; events: number; end_deliver: number; handed: number };
}

/** A piece of the record, written while the match runs. */
export interface RecordChunk {
  /** Joins and leaves. */
  entries: PresenceEntry[];
  /** The client messages the rules accepted. */
  inputs: InputLog;
  /** Domain events emitted in the chunk's ticks. */
  events: DomainEvent[];
}

export type PresenceEntry = Exclude<LogEntry, { messages: unknown }>;

/**
 * How a chunk is stored: joins, leaves and events JSON-encoded as one string, the input log's bytes
 * in base64. Why strings: nk.storageWrite converts its value to Go values object by object, which
 * for a chunk of thousands of small inputs cost tens of milliseconds inside a 100 ms tick.
 * (Records stored before the input log was binary have every entry in `json` and no `inputs`.)
 */
export interface StoredChunk { json: string; inputs?: string }

const HEADS = defineDocument<MatchRecordHead>({
  name: 'match_record_heads', collection: RECORDS_COLLECTION, global: true, owner: 'system',
  shape: obj({
    match_id: matchId, module: snakeId(32), game_id: uuid, mode: snakeId(32), seed: str(128), params: anyObject,
    players: list(obj({ userId: uuid, username: str(128), team: optional(int(0)) }), 1000),
    ending: oneOf('running', 'over', 'terminated', 'aborted'), end_tick: int(0), settled_tick: withDefault(int(0), () => 0), chunks: int(0, 1000000), final_state_hash: str(64),
    loop_ms: obj({ ticks: int(0), mean: num(0), p50: withDefault(num(0), () => 0), p99: withDefault(num(0), () => 0), max: num(0), max_tick: withDefault(int(0), () => 0), max_deliver: withDefault(num(0), () => 0), deliver: num(0), events: int(0), end_deliver: withDefault(num(0), () => 0), handed: withDefault(int(0), () => 0) }),
  }),
});
const CHUNKS = defineDocument<StoredChunk>({
  name: 'match_record_chunks', collection: RECORDS_COLLECTION, global: true, owner: 'system',
  shape: obj({ json: str(64 * 1024 * 1024), inputs: optional(str(64 * 1024 * 1024)) }),
});
/** The kinds of the `match_records` collection. */
export const RECORD_DOCUMENTS = [HEADS, CHUNKS];

/** The log entries and events a stored chunk holds; null when it does not decode. */
export function decodeChunk(nk: nkruntime.Nakama, stored: StoredChunk): { entries: LogEntry[]; events: DomainEvent[] } | null {
  try {
    const { entries, events } = JSON.parse(stored.json) as { entries: LogEntry[]; events: DomainEvent[] };
    if (!Array.isArray(entries) || !Array.isArray(events)) return null;
    if (!stored.inputs) return { entries, events };
    const inputs = readInputLog(new Uint8Array(nk.base64Decode(stored.inputs)));
    return { entries: mergeLog(entries, inputs), events };
  } catch (error) {
    return null;
  }
}

/**
 * Joins and leaves, and the logged messages grouped by tick, in the order the match saw them: a
 * tick's joins and leaves came before its loop read the messages.
 */
function mergeLog(presences: LogEntry[], inputs: LoggedInput[]): LogEntry[] {
  const log: LogEntry[] = [];
  let next = 0;
  for (const [tick, sender, opCode, payload] of inputs) {
    while (next < presences.length && presences[next].tick <= tick) log.push(presences[next++]);
    const last = log[log.length - 1];
    const message: [number | string, number, unknown] = [sender, opCode, decodeMessage(new Uint8Array(payload).buffer as ArrayBuffer)];
    if (last && 'messages' in last && last.tick === tick) last.messages.push(message);
    else log.push({ tick, messages: [message] });
  }
  while (next < presences.length) log.push(presences[next++]);
  return log;
}

/** The head plus the whole input log and every event, as match_record_get returns it. */
export interface MatchRecord extends MatchRecordHead {
  log: LogEntry[];
  events: DomainEvent[];
}

const chunkAt = (matchId: string, n: number) => documentAt(CHUNKS, '', `${matchId}/log/${n}`);
const headAt = (matchId: string) => documentAt(HEADS, '', matchId);

function encodeChunk(nk: nkruntime.Nakama, chunk: RecordChunk): StoredChunk {
  const json = JSON.stringify({ entries: chunk.entries, events: chunk.events });
  return chunk.inputs.count === 0 ? { json } : { json, inputs: nk.base64Encode(inputLogBytes(chunk.inputs)) };
}

/** Store the record head and, when given, its last chunk (number head.chunks - 1), in one transaction. */
export function writeRecord(nk: nkruntime.Nakama, head: MatchRecordHead, lastChunk: RecordChunk | null): void {
  const headWrite = writeOf(headAt(head.match_id), head);
  nk.storageWrite(lastChunk ? [writeOf(chunkAt(head.match_id, head.chunks - 1), encodeChunk(nk, lastChunk)), headWrite] : [headWrite]);
}

/** Whether a match is running (on any node of the cluster); false for an id that names no match. */
export function isRunning(nk: nkruntime.Nakama, matchId: string): boolean {
  try {
    return !!nk.matchGet(matchId);
  } catch (error) {
    return false;
  }
}

/**
 * The full record of a match, or null if none is stored (or its head is beyond repair). A record
 * still 'running' whose match no longer runs is marked 'aborted' (and stored so).
 */
export function readRecord(store: Store, matchId: string): MatchRecord | null {
  const [head] = readStored(store, [headAt(matchId)]);
  if (!head.value) return null;
  if (head.value.ending === 'running' && !isRunning(store.nk, matchId)) {
    head.value.ending = 'aborted';
    try {
      store.nk.storageWrite([writeOf(headAt(matchId), head.value, head.version!)]);
    } catch (error) {
      store.logger.warn('match record %s: could not mark it aborted: %s', matchId, String((error as Error).message || error));
    }
  }
  const targets = [];
  for (let n = 0; n < head.value.chunks; n++) targets.push(chunkAt(matchId, n));
  const record: MatchRecord = { ...head.value, log: [], events: [] };
  readStored(store, targets).forEach((stored, n) => {
    const chunk = stored.value && decodeChunk(store.nk, stored.value);
    if (!chunk) {
      store.logger.warn('match record %s: chunk %d is missing or does not decode; the log has a gap', matchId, n);
      return;
    }
    record.log.push(...chunk.entries);
    record.events.push(...chunk.events);
  });
  return record;
}
