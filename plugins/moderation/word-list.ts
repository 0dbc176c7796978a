/**
 * Finding listed words in text (docs/retention.md "Names and chat"): whole words only, so a listed
 * word inside another word is not found ("class" holds no listed "ass"). Case-insensitive; letters
 * and their simple leetspeak stand-ins count as one (4 @ for a, 3 for e, 1 ! | l for i, 0 for o, 5 $
 * for s, 7 + for t, 8 for b, 6 9 for g); a letter may be stretched (`idiooot`); a plural `s` is
 * found too. Words are split at anything that is not a letter, digit or stand-in, and also where a
 * lowercase letter meets an uppercase one (`IdiotKing`). Look-alike letters of other scripts count
 * as the Latin letter they mimic (Cyrillic `а`, Greek `ο`, fullwidth `ｉ`), and a word spelt one
 * letter at a time with a separator between the letters (`i.d.i.o.t`, `l-o-s-e-r`, `i d i o t`) is
 * found too. Plain loops over the text: no regular expressions, so it behaves the same in goja and
 * V8. Not covered: words run together in one case (`idiotking`).
 */

/** A listed word: lowercase letters, 2-32 of them. */
export const WORD = /^[a-z]{2,32}$/;

/** A letter class and how many times it repeats. */
interface Run { c: string; n: number }
/** The words, prepared for matching. */
export interface WordList { words: { word: string; runs: Run[] }[] }
/** Where a listed word was found: UTF-16 indexes [start, end), and which word. */
export interface Found { start: number; end: number; word: string }

/** Lowercase Cyrillic and Greek letters that look like Latin ones, as pairs (the text is lowercased first). */
const LOOK_ALIKES = 'а a в b е e ё e һ h і i ї i ј j к k м m н h о o р p с c т t у y х x ѕ s ԁ d ԛ q ԝ w α a β b ε e η n ι i κ k ν v ο o ρ p τ t υ u χ x';

/** Stand-ins, look-alike letters and fullwidth letters (U+FF41-FF5A) -> the letter they stand for (l and i are one class). */
const CANONICAL: { [ch: string]: string } = (() => {
  const map: { [ch: string]: string } = { '4': 'a', '@': 'a', '8': 'b', '3': 'e', '6': 'g', '9': 'g', '1': 'i', '!': 'i', '|': 'i', l: 'i', '0': 'o', '5': 's', $: 's', '7': 't', '+': 't' };
  const pairs = LOOK_ALIKES.split(' ');
  for (let i = 0; i < pairs.length; i += 2) map[pairs[i]] = pairs[i + 1];
  for (let c = 0xff41; c <= 0xff5a; c++) map[String.fromCharCode(c)] = String.fromCharCode(c - 0xff41 + 0x61);
  return map;
})();
/** What may stand between the letters of a word spelt one at a time. */
const SEPARATORS = '.-_ *~';
/** Fewer letters than this spelt one at a time are not joined (`a s` in a sentence is no word). */
const MIN_SPELT = 3;

/** Stand-ins that are not letters or digits: trimmed from the ends of a word when it does not match as it is ("idiot!"). */
const SYMBOLS = '@$!|+';

const isAsciiLetterOrDigit = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
/** Letters of any cased script count as part of a word, so a listed word next to `é` is not a whole word. */
const isWordChar = (c: string) => isAsciiLetterOrDigit(c) || SYMBOLS.indexOf(c) >= 0 || (c > '\u007f' && c.toLowerCase() !== c.toUpperCase());
const isLower = (c: string) => c >= 'a' && c <= 'z';
const isUpper = (c: string) => c >= 'A' && c <= 'Z';

function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  for (const raw of text.toLowerCase()) {
    const c = CANONICAL[raw] || raw;
    const last = runs[runs.length - 1];
    if (last && last.c === c) last.n++;
    else runs.push({ c, n: 1 });
  }
  return runs;
}

/** The words as a list to match (invalid ones, see WORD, are left out: wordProblems names them). */
export function compileWords(words: string[]): WordList {
  const valid = words.filter((w, i) => WORD.test(w) && words.indexOf(w) === i);
  return { words: valid.map((word) => ({ word, runs: runsOf(word) })) };
}

/** Problems with a word list (for the module's validation at build and start). */
export function wordProblems(words: string[], where: string): string[] {
  return words.filter((w) => !WORD.test(w)).map((w) => `${where}: ${JSON.stringify(w)} must be 2-32 lowercase letters a-z`);
}

/** Words from a comma-separated list (the runtime env), lowercased; invalid entries are left out. */
export function parseWords(text: string | undefined): string[] {
  return (text || '').split(',').map((w) => w.trim().toLowerCase()).filter((w) => WORD.test(w));
}

/** Whether a candidate's letters are a word's: the same classes in order, each at least as often, maybe with a plural s. */
function matches(candidate: Run[], word: Run[]): boolean {
  const plural = candidate.length === word.length + 1 && candidate[candidate.length - 1].c === 's' && word[word.length - 1].c !== 's';
  if (candidate.length !== word.length && !plural) return false;
  for (let i = 0; i < word.length; i++) if (candidate[i].c !== word[i].c || candidate[i].n < word[i].n) return false;
  return true;
}

/** The spans of one word of the text to try: as it is, without stand-in symbols at its ends, and its camelCase parts. */
function candidates(text: string, start: number, end: number): [number, number][] {
  const spans: [number, number][] = [[start, end]];
  let s = start;
  let e = end;
  while (s < e && SYMBOLS.indexOf(text[s]) >= 0) s++;
  while (e > s && SYMBOLS.indexOf(text[e - 1]) >= 0) e--;
  if ((s !== start || e !== end) && s < e) spans.push([s, e]);
  let from = s;
  for (let i = s + 1; i < e; i++) {
    if (isLower(text[i - 1]) && isUpper(text[i])) {
      spans.push([from, i]);
      from = i;
    }
  }
  if (from !== s) spans.push([from, e]);
  return spans;
}

/** The first listed word whose letters the text's span [s, e) has (separators left out), or undefined. */
function listedIn(text: string, s: number, e: number, list: WordList, skipSeparators: boolean) {
  let letters = '';
  for (let i = s; i < e; i++) if (!skipSeparators || SEPARATORS.indexOf(text[i]) < 0) letters += text[i];
  const runs = runsOf(letters);
  return list.words.filter((w) => matches(runs, w.runs))[0];
}

/**
 * Words spelt one letter at a time: single word characters each followed by one separator
 * (`i.d.i.o.t`), at least MIN_SPELT letters, as [start, end) spans.
 */
function speltWords(text: string): [number, number][] {
  const spans: [number, number][] = [];
  // Stand-in symbols next to a letter do not make it part of a longer word here (`l-o-s-e-r!`).
  const letterAt = (i: number) => i >= 0 && i < text.length && isWordChar(text[i]) && SYMBOLS.indexOf(text[i]) < 0;
  const single = (i: number) => isWordChar(text[i]) && !letterAt(i - 1) && !letterAt(i + 1);
  for (let i = 0; i < text.length; i++) {
    if (!single(i)) continue;
    let end = i + 1;
    let letters = 1;
    while (end + 1 < text.length && SEPARATORS.indexOf(text[end]) >= 0 && single(end + 1)) {
      end += 2;
      letters++;
    }
    if (letters >= MIN_SPELT) spans.push([i, end]);
    i = end - 1;
  }
  return spans;
}

/** Every listed word in the text (at most one per span of word characters, per camelCase part, or per word spelt one letter at a time). */
export function findWords(text: string, list: WordList): Found[] {
  const found: Found[] = [];
  if (list.words.length === 0) return found;
  for (const [s, e] of speltWords(text)) {
    const hit = listedIn(text, s, e, list, true);
    if (hit) found.push({ start: s, end: e, word: hit.word });
  }
  for (let i = 0; i < text.length;) {
    if (!isWordChar(text[i])) {
      i++;
      continue;
    }
    let end = i;
    while (end < text.length && isWordChar(text[end])) end++;
    for (const [s, e] of candidates(text, i, end)) {
      const hit = listedIn(text, s, e, list, false);
      if (hit && !found.some((f) => f.start < e && s < f.end)) found.push({ start: s, end: e, word: hit.word });
    }
    i = end;
  }
  return found;
}

/** The text with every listed word replaced by asterisks (one per UTF-16 unit), everything else as it was. */
export function maskWords(text: string, list: WordList): string {
  const found = findWords(text, list);
  if (found.length === 0) return text;
  let out = '';
  let at = 0;
  for (const f of found.sort((a, b) => a.start - b.start)) {
    out += text.slice(at, f.start) + '*'.repeat(f.end - f.start);
    at = f.end;
  }
  return out + text.slice(at);
}
