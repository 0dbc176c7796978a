import { PROCESSED, type OnceDocument } from '../../core/apply-once';
import { defineDocument, documentAt, type DocumentKind } from '../../core/documents';
import { REWARDS_SHAPE, type Rewards } from '../../core/economy';
import { dict, int, list, obj, oneOf, snakeId, str, uuid, withDefault } from '../../core/shape';

/**
 * Where tournaments keep their state (docs/tournaments.md), namespaced by game:
 * - `<game_id>:tournament_entries` / `entries` per player (readable by its owner): one entry per
 *   edition the player joined, with their fee, match points, score, rank and prize;
 * - `<game_id>:tournaments` (system-owned): `definitions` {list}, `edition/<edition id>` per edition
 *   (entrants, fees, seeds, results, matches, status) and `match/<match id>` (which pairing a
 *   tournament match plays);
 * - the Nakama tournament `<game_id>:tournament:<id>` per tournament (records of leaderboard
 *   tournaments; the period and its end callback for every format).
 * An edition is one run of a tournament: `<id>@<end of its period, seconds>`.
 */
export const EDITION_ID = /^[a-z][a-z0-9_]*@[0-9]{1,12}$/;

export type EntryStatus = 'joined' | 'left' | 'refunded' | 'finished';

export interface Entry {
  tournament_id: string;
  status: EntryStatus;
  joined_at: number;
  starts_at: number;
  ends_at: number;
  /** The entry fee paid (0: free), in `fee_currency`. */
  fee: number;
  fee_currency: string;
  /** Leaderboard tournaments: each counted match's points, in order. */
  points: number[];
  score: number;
  /** Final rank (0: not ranked yet, or unranked). */
  rank: number;
  prize: Rewards | null;
}

export interface EntriesDocument extends OnceDocument { entries: { [editionId: string]: Entry } }

export type EditionStatus = 'open' | 'active' | 'ended' | 'rewards_distributed' | 'cancelled';

export interface Entrant { user_id: string; username: string; rating: number; joined_at: number }

/** A pairing's match: reserved ('' until created) in the same write that opened the pairing. */
export interface PairingMatch { match_id: string; created_at: number }

export interface EditionDocument extends OnceDocument {
  tournament_id: string;
  status: EditionStatus;
  starts_at: number;
  ends_at: number;
  /** Entrants (brackets and Swiss only; leaderboard editions keep the count alone). */
  entrants: Entrant[];
  count: number;
  /** Entry fees collected (net of refunds). */
  fees: number;
  seeds: string[];
  results: { [pairingId: string]: string };
  matches: { [pairingId: string]: PairingMatch };
  /** Final ranks once ended (brackets and Swiss); leaderboards rank from their records. */
  ranks: { user_id: string; rank: number }[];
}

export interface MatchLink { edition_id: string; pairing_id: string }

const COUNT = withDefault(int(0), () => 0);

export const TOURNAMENT_ENTRIES = defineDocument<EntriesDocument>({
  name: 'tournament_entries',
  owner: 'player',
  shape: obj({
    entries: withDefault(dict(obj({
      tournament_id: snakeId(48), status: oneOf<EntryStatus>('joined', 'left', 'refunded', 'finished'),
      joined_at: int(0), starts_at: int(0), ends_at: int(0), fee: COUNT, fee_currency: withDefault(str(32), () => ''),
      points: withDefault(list(int(0), 1000), () => []), score: COUNT, rank: COUNT, prize: withDefault(REWARDS_SHAPE, () => null as unknown as Rewards),
    }), 200, EDITION_ID), () => ({})),
    processed: PROCESSED,
  }) as DocumentKind<EntriesDocument>['shape'],
  empty: () => ({ entries: {}, processed: [] }),
});

export const TOURNAMENT_EDITIONS = defineDocument<EditionDocument>({
  name: 'tournament_editions',
  collection: 'tournaments',
  owner: 'system',
  shape: obj({
    tournament_id: snakeId(48), status: oneOf<EditionStatus>('open', 'active', 'ended', 'rewards_distributed', 'cancelled'),
    starts_at: int(0), ends_at: int(0),
    entrants: withDefault(list(obj({ user_id: uuid, username: str(128), rating: int(-1000000, 1000000), joined_at: int(0) }), 64), () => []),
    count: COUNT, fees: COUNT,
    seeds: withDefault(list(uuid, 64), () => []),
    results: withDefault(dict(withDefault(str(36), () => ''), 300, /^[a-z0-9]{1,16}$/), () => ({})),
    matches: withDefault(dict(obj({ match_id: withDefault(str(128), () => ''), created_at: int(0) }), 300, /^[a-z0-9]{1,16}$/), () => ({})),
    ranks: withDefault(list(obj({ user_id: uuid, rank: int(1) }), 64), () => []),
    processed: PROCESSED,
  }) as DocumentKind<EditionDocument>['shape'],
  /** Filled in by the first change (a join, or the start of a bracket). */
  empty: () => emptyEdition('', 0, 0),
});

const TOURNAMENT_MATCHES = defineDocument<MatchLink>({
  name: 'tournament_matches', collection: 'tournaments', owner: 'system',
  shape: obj({ edition_id: str(80, EDITION_ID), pairing_id: str(16, /^[a-z0-9]{1,16}$/) }),
});

export const STORE_DOCUMENTS = [TOURNAMENT_ENTRIES, TOURNAMENT_EDITIONS, TOURNAMENT_MATCHES];

export const entriesTarget = (gameId: string, userId: string) => documentAt(TOURNAMENT_ENTRIES, gameId, 'entries', userId);
export const editionTarget = (gameId: string, editionId: string) => documentAt(TOURNAMENT_EDITIONS, gameId, `edition/${editionId}`);
export const matchLinkTarget = (gameId: string, id: string) => documentAt(TOURNAMENT_MATCHES, gameId, `match/${id}`);

export function emptyEdition(tournamentId: string, startsAt: number, endsAt: number): EditionDocument {
  return { tournament_id: tournamentId, status: 'open', starts_at: startsAt, ends_at: endsAt, entrants: [], count: 0, fees: 0, seeds: [], results: {}, matches: {}, ranks: [], processed: [] };
}
