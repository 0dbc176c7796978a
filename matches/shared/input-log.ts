import { unpackMultiple } from 'msgpackr';
import { encodeInts, MAX_INT_BYTES, SET_BYTES } from './codec';

/**
 * The client messages of a record chunk, as a match logs them while it runs: the accepted messages'
 * own bytes, appended to one buffer as a msgpack stream: a tick (an integer) before the first message
 * of each tick, then each message as [sender, opCode, payload bytes (bin)]. Logging one is a few byte
 * writes and a native copy, with no object per message and no JSON to build when the chunk is
 * stored (base64 of the bytes, by Nakama). Reading the record turns them back into log entries
 * (readInputLog). The sender is the index in the record's players, or the user id for a sender not
 * listed.
 */
export interface InputLog {
  bytes: Uint8Array;
  /** bytes.length, kept apart (a typed array's named properties are slow in Goja). */
  capacity: number;
  /** Bytes written. */
  at: number;
  /** Messages logged. */
  count: number;
  /** The tick of the last message logged (-1: none yet). */
  tick: number;
}

/** A logged message: [tick, sender, opCode, payload bytes]. */
export type LoggedInput = [number, number | string, number, Uint8Array];

export function createInputLog(): InputLog {
  return { bytes: new Uint8Array(4096), capacity: 4096, at: 0, count: 0, tick: -1 };
}

/**
 * The most bytes a message adds besides its payload and a user id sender's characters: tick, array
 * header, sender (an integer, or a string's header), op code, bin header.
 */
const OVERHEAD = MAX_INT_BYTES + 1 + MAX_INT_BYTES + MAX_INT_BYTES + 5;
const one = [0];

/**
 * Append one message: payload[0..length) were its bytes. Written for Goja, where every operation
 * counts: one-byte senders and op codes (the usual case) are written inline.
 */
export function logInput(log: InputLog, tick: number, sender: number | string, opCode: number, payload: Uint8Array, length: number): void {
  const room = OVERHEAD + length + (typeof sender === 'string' ? sender.length : 0);
  if (log.at + room > log.capacity) grow(log, room);
  const b = log.bytes;
  let p = log.at;
  if (tick !== log.tick) {
    p = writeInt(b, p, tick);
    log.tick = tick;
  }
  b[p++] = 0x93;
  if (typeof sender === 'string') p = writeAscii(b, p, sender);
  else if (sender < 0x80) b[p++] = sender;
  else p = writeInt(b, p, sender);
  if (opCode >= 0 && opCode < 0x80) b[p++] = opCode;
  else p = writeInt(b, p, opCode);
  if (length < 0x100) {
    b[p] = 0xc4;
    b[p + 1] = length;
    p += 2;
  } else {
    b[p] = 0xc6;
    b[p + 1] = length >>> 24;
    b[p + 2] = length >> 16;
    b[p + 3] = length >> 8;
    b[p + 4] = length;
    p += 5;
  }
  SET_BYTES.call(b, payload, p);
  log.at = p + length;
  log.count += 1;
}

function grow(log: InputLog, room: number): void {
  log.capacity = Math.max(2 * log.capacity, log.at + room);
  const grown = new Uint8Array(log.capacity);
  SET_BYTES.call(grown, log.bytes.subarray(0, log.at), 0);
  log.bytes = grown;
}

function writeInt(b: Uint8Array, p: number, value: number): number {
  one[0] = value;
  return encodeInts(b, p, one, 0, 1);
}

/** A user id (ASCII, under 256 characters: Nakama's are UUIDs) as a msgpack string. */
function writeAscii(b: Uint8Array, p: number, text: string): number {
  const length = text.length;
  if (length < 32) {
    b[p++] = 0xa0 | length;
  } else {
    b[p++] = 0xd9;
    b[p++] = length;
  }
  for (let i = 0; i < length; i++) b[p++] = text.charCodeAt(i);
  return p;
}

/** The logged bytes (a copy). */
export function inputLogBytes(log: InputLog): ArrayBuffer {
  return log.bytes.buffer.slice(0, log.at) as ArrayBuffer;
}

/** The messages of logged bytes, in the order they were logged. */
export function readInputLog(bytes: Uint8Array): LoggedInput[] {
  const messages: LoggedInput[] = [];
  let tick = -1;
  if (bytes.length === 0) return messages;
  for (const item of unpackMultiple(bytes) as (number | [number | string, number, Uint8Array])[]) {
    if (typeof item === 'number') tick = item;
    else messages.push([tick, item[0], item[1], item[2]]);
  }
  return messages;
}
