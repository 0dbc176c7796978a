import { pack, unpack } from 'msgpackr';

/**
 * Match messages are msgpack. Nakama hands message data in as an ArrayBuffer and accepts only an
 * ArrayBuffer or a string from broadcastMessage (a Uint8Array is refused), hence the conversions.
 */
export function encodeMessage(value: unknown): ArrayBuffer {
  const bytes = pack(value);
  // Why slice: pack may return a view into a larger reused buffer; send exactly these bytes.
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Decode a client message; throws on bytes that are not msgpack. */
export function decodeMessage(data: ArrayBuffer): unknown {
  return unpack(new Uint8Array(data));
}
