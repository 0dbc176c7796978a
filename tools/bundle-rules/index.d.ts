/**
 * Static contract for the bundle Nakama 3.40 loads (bundle/index.js). See index.js for the
 * Nakama source each rule comes from.
 */

export interface BundleRulesOptions {
  /** ECMAScript version the bundle must parse as (sourceType "script"). Default 2020. */
  ecmaVersion?: 2015 | 2016 | 2017 | 2018 | 2019 | 2020 | 2021 | 2022;
}

/** Name of the top-level function registered for each match handler key. */
export interface MatchHandlerNames {
  matchInit?: string;
  matchJoinAttempt?: string;
  matchJoin?: string;
  matchLeave?: string;
  matchLoop?: string;
  matchTerminate?: string;
  matchSignal?: string;
}

/** Any other registration: single-function hooks, storage index filters, storage indexes. */
export interface OtherRegistration {
  /** initializer method, e.g. "registerTournamentEnd", "registerBeforeAuthenticateDevice". */
  method: string;
  /** id for registerStorageIndexFilter / registerStorageIndex; absent for single-function hooks. */
  id?: string | null;
  /** top-level function name, or null when it could not be determined (see checkBundle). */
  fn: string | null;
}

export interface Registrations {
  /** RPC id as written (Nakama lowercases it) -> function name. */
  rpcs: Record<string, string | null>;
  /** realtime message name as written, e.g. "MatchmakerAdd" -> function name. */
  rtBefore: Record<string, string | null>;
  rtAfter: Record<string, string | null>;
  /** match module name -> handler function names. */
  matches: Record<string, MatchHandlerNames>;
  matchmakerMatched: string | null;
  other: OtherRegistration[];
}

/** Human-readable violations; an empty array means Nakama will load the bundle as intended. */
export function checkBundle(source: string, options?: BundleRulesOptions): string[];

/**
 * Registrations Nakama can see in InitModule (direct statements only; the first of duplicates).
 * Throws when the source does not parse.
 */
export function listRegistrations(source: string, options?: BundleRulesOptions): Registrations;

/** The seven keys registerMatch's handler object must have. */
export const MATCH_KEYS: readonly string[];
/** Realtime messages with before/after hooks (pipeline.go). */
export const RT_HOOK_MESSAGES: readonly string[];
/** Initializer methods that register something. */
export const REGISTER_METHODS: readonly string[];
