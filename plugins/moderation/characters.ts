/**
 * Characters of user-generated text, walked by code point (plain loops, no Unicode regular
 * expressions: they run the same in goja, V8 and isolated-vm).
 */

/** Code points that draw nothing, or change how the text around them is drawn or ordered. */
const INVISIBLE: [number, number][] = [
  [0x0000, 0x001f], // C0 controls (NUL, tab, newline, escape...)
  [0x007f, 0x009f], // DEL, C1 controls
  [0x00ad, 0x00ad], // soft hyphen
  [0x034f, 0x034f], // combining grapheme joiner
  [0x061c, 0x061c], // Arabic letter mark
  [0x115f, 0x1160], // Hangul fillers
  [0x17b4, 0x17b5], // Khmer inherent vowels
  [0x180e, 0x180e], // Mongolian vowel separator
  [0x200b, 0x200f], // zero-width space, non-joiner and joiner; left-to-right and right-to-left marks
  [0x2028, 0x202e], // line and paragraph separators; bidi embeddings and overrides
  [0x2060, 0x206f], // word joiner, invisible operators, bidi isolates, deprecated format characters
  [0x3164, 0x3164], // Hangul filler
  [0xfeff, 0xfeff], // zero-width no-break space (byte order mark)
  [0xffa0, 0xffa0], // halfwidth Hangul filler
  [0xfff9, 0xfffb], // interlinear annotations
  [0x1d173, 0x1d17a], // musical symbol format characters
  [0xe0000, 0xe007f], // tag characters
];

/** Spaces other than U+0020 (no-break, en, em, thin, ideographic...): a name could look empty or padded. */
const OTHER_SPACES: [number, number][] = [[0x00a0, 0x00a0], [0x1680, 0x1680], [0x2000, 0x200a], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000]];

const within = (ranges: [number, number][], cp: number) => ranges.some(([from, to]) => cp >= from && cp <= to);

/** Whether a code point is a control or invisible character (the list above). */
export const isInvisible = (cp: number): boolean => within(INVISIBLE, cp);
/** Whether a code point is a space other than U+0020. */
export const isOtherSpace = (cp: number): boolean => within(OTHER_SPACES, cp);

/** Marks an unpaired UTF-16 surrogate (no code point). */
export const UNPAIRED = -1;

/** The code point at a UTF-16 index and how many units it takes (an unpaired surrogate: UNPAIRED, 1). */
export function codePointAt(text: string, i: number): { cp: number; units: number } {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    if (next >= 0xdc00 && next <= 0xdfff) return { cp: (c - 0xd800) * 0x400 + (next - 0xdc00) + 0x10000, units: 2 };
    return { cp: UNPAIRED, units: 1 };
  }
  if (c >= 0xdc00 && c <= 0xdfff) return { cp: UNPAIRED, units: 1 };
  return { cp: c, units: 1 };
}

/** Characters a reader counts: code points (an emoji is one, not two UTF-16 units). */
export function codePointLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i += codePointAt(text, i).units) n++;
  return n;
}

/** `U+200B`: how messages name a character. */
export const hexOf = (cp: number) => (cp === UNPAIRED ? 'an unpaired surrogate' : `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);

/** The first control or invisible character (or unpaired surrogate), with its position in code points; null when there is none. */
export function firstInvisible(text: string): { cp: number; at: number } | null {
  let at = 0;
  for (let i = 0; i < text.length; at++) {
    const { cp, units } = codePointAt(text, i);
    if (cp === UNPAIRED || isInvisible(cp)) return { cp, at };
    i += units;
  }
  return null;
}

/** The text without control and invisible characters and unpaired surrogates, except the code points in `keep`. */
export function stripInvisible(text: string, keep: number[]): string {
  if (!firstInvisible(text)) return text;
  let out = '';
  for (let i = 0; i < text.length;) {
    const { cp, units } = codePointAt(text, i);
    if (cp !== UNPAIRED && (!isInvisible(cp) || keep.indexOf(cp) >= 0)) out += text.substr(i, units);
    i += units;
  }
  return out;
}
