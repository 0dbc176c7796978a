/**
 * The rules for names players choose (docs/retention.md "Names and chat"). A name that breaks one is
 * refused (INVALID_FIELD), never changed: a player should see the name others see.
 */
import { codePointAt, codePointLength, firstInvisible, hexOf, isOtherSpace } from './characters';
import { findWords, type WordList } from './word-list';

export interface NameRule {
  /** The field as messages name it. */
  field: string;
  /** Length in characters (code points). */
  min: number;
  max: number;
  /** Whether single U+0020 spaces may separate words (never at the ends, never two in a row). */
  spaces: boolean;
}

/** Usernames are unique handles (mentions, friend search): no spaces at all. Nakama allows 128 bytes; this module 3-32 characters. */
export const USERNAME: NameRule = { field: 'username', min: 3, max: 32, spaces: false };
/** Display names are what others read in menus and matches. */
export const DISPLAY_NAME: NameRule = { field: 'display_name', min: 1, max: 32, spaces: true };

/** Group names are seen by everyone who searches or joins groups. */
export const GROUP_NAME: NameRule = { field: 'name', min: 3, max: 48, spaces: true };
/** A group's description: one line of text, as long-lived as its name. */
export const GROUP_DESCRIPTION: NameRule = { field: 'description', min: 1, max: 255, spaces: true };

/** Why a name breaks its rule, as `<field>: <rule>`, or null when it is fine. */
export function nameProblem(rule: NameRule, name: string, words: WordList): string | null {
  const { field } = rule;
  const invisible = firstInvisible(name);
  if (invisible) return `${field}: no control or invisible characters (${hexOf(invisible.cp)} at position ${invisible.at + 1})`;
  for (let i = 0; i < name.length;) {
    const { cp, units } = codePointAt(name, i);
    if (isOtherSpace(cp)) return `${field}: no spaces other than the plain space (${hexOf(cp)})`;
    i += units;
  }
  if (!rule.spaces && name.indexOf(' ') >= 0) return `${field}: no spaces`;
  if (rule.spaces && (name[0] === ' ' || name[name.length - 1] === ' ' || name.indexOf('  ') >= 0)) return `${field}: no spaces at the start or end, nor two in a row`;
  const length = codePointLength(name);
  if (length < rule.min || length > rule.max) return `${field}: ${rule.min} to ${rule.max} characters (this one has ${length})`;
  const found = findWords(name, words)[0];
  if (found) return `${field}: "${name.slice(found.start, found.end)}" is not allowed in names (the word list, docs/retention.md); choose another`;
  return null;
}
