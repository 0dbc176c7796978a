/**
 * The rules for chat messages in Nakama channels (docs/retention.md "Names and chat"). Nakama carries
 * a message's content as the text of a JSON object (nakama-js writeChatMessage(channel, {...})); its
 * string values are what players read. Listed words are masked rather than refused (a message is a
 * moment, not an identity); a message too long or nested too deep is refused.
 */
import type { RateLimit } from '../../core/rate-limit';
import { isPlainObject } from '../../core/shape';
import { codePointLength, stripInvisible } from './characters';
import { maskWords, type WordList } from './word-list';

/** Characters of text (code points of every string value) in one message. */
export const MAX_CHAT_CHARS = 500;
/** Characters of the content's JSON text, refused before it is parsed. */
export const MAX_CHAT_JSON = 4096;
/** Objects and arrays nest at most this deep in a message's content. */
export const MAX_CHAT_DEPTH = 8;
/** Messages (sent or edited) per user, over all channels. */
export const CHAT_RATE: RateLimit = { calls: 10, windowSeconds: 10 };
/** Kept in chat text: newline and tab. Every other control or invisible character is removed. */
const KEPT = [0x0a, 0x09];

/** The content as it goes out (the same text when nothing changed), or why it is refused. */
export function cleanChat(content: string, words: WordList): { content: string } | { problem: string } {
  if (content.length > MAX_CHAT_JSON) return { problem: `content: at most ${MAX_CHAT_JSON} characters of JSON` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    return { problem: 'content: must be a JSON object' };
  }
  if (!isPlainObject(parsed)) return { problem: 'content: must be a JSON object' };
  let chars = 0;
  let changed = false;
  let tooDeep = false;
  const clean = (value: unknown, depth: number): unknown => {
    if (typeof value === 'string') {
      const masked = maskWords(stripInvisible(value, KEPT), words);
      chars += codePointLength(masked);
      if (masked !== value) changed = true;
      return masked;
    }
    if (typeof value !== 'object' || value === null) return value;
    if (depth > MAX_CHAT_DEPTH) {
      tooDeep = true;
      return value;
    }
    if (Array.isArray(value)) return value.map((v) => clean(v, depth + 1));
    const out: { [key: string]: unknown } = {};
    for (const key of Object.keys(value)) {
      // Assigning it would replace out's prototype: a key no client needs.
      if (key === '__proto__') changed = true;
      else out[key] = clean((value as { [key: string]: unknown })[key], depth + 1);
    }
    return out;
  };
  const cleaned = clean(parsed, 1);
  if (tooDeep) return { problem: `content: nests deeper than ${MAX_CHAT_DEPTH} levels` };
  if (chars > MAX_CHAT_CHARS) return { problem: `message: at most ${MAX_CHAT_CHARS} characters of text (this one has ${chars})` };
  return { content: changed ? JSON.stringify(cleaned) : content };
}
