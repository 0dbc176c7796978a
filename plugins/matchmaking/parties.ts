import { defineDocument, documentAt, readDocument, type Store } from '../../core/documents';
import { runtimeError } from '../../core/errors';
import type { GameDefinition, GameRegistry } from '../../core/game-registry';
import { int, list, obj, snakeId, str, uuid } from '../../core/shape';
import { updateDocument } from '../../core/storage';

/**
 * Parties are Nakama's own (created, joined and left over the socket: createParty, joinParty,
 * leaveParty); this registry binds one to a game and mode, so that its ticket can be checked: the
 * party's leader registers it (matchmaking_create_party), members register when they have joined
 * it (matchmaking_join_party). Only players in the Nakama party can register, and never more than
 * the mode's maxPartySize. Stored system-owned under `<game_id>:parties` / <party id>.
 */
export interface PartyRecord {
  party_id: string;
  mode: string;
  /** The user who registered it. */
  leader: string;
  members: string[];
  created_at: number;
}

/** Nakama's party ids are `<uuid>.<node>`; the party's presences live on stream mode 7. */
const PARTY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[A-Za-z0-9_.-]{1,64}$/;
export const PARTY_ID_PATTERN = PARTY_ID;
const STREAM_MODE_PARTY = 7;

export function partyStream(partyId: string): nkruntime.Stream {
  const dot = partyId.indexOf('.');
  return { mode: STREAM_MODE_PARTY, subject: partyId.slice(0, dot), label: partyId.slice(dot + 1) };
}

/**
 * The players in the Nakama party now (empty when it does not exist). NB: Nakama 3.40 gives these
 * presences `nodeId`, not the `node` the official typings declare (unused here).
 */
export function partyMembers(nk: nkruntime.Nakama, partyId: string): nkruntime.Presence[] {
  return nk.streamUserList(partyStream(partyId), true, true);
}

export const PARTIES = defineDocument<PartyRecord>({
  name: 'parties',
  owner: 'system',
  shape: obj({ party_id: str(128, PARTY_ID), mode: snakeId(32), leader: uuid, members: list(uuid, 100), created_at: int(0) }),
});

const target = (gameId: string, partyId: string) => documentAt(PARTIES, gameId, partyId);

/** A stored party of this game; one registered for a mode the game no longer has counts as none. */
const ofGame = (game: GameDefinition, party: PartyRecord | null) => (party && game.modes[party.mode] ? party : null);

export function readParty(store: Store, game: GameDefinition, partyId: string): PartyRecord | null {
  return ofGame(game, readDocument(store, target(game.id, partyId)));
}

function requireInParty(nk: nkruntime.Nakama, partyId: string, userId: string): nkruntime.Presence[] {
  const members = partyMembers(nk, partyId);
  if (!members.some((p) => p.userId === userId)) {
    throw runtimeError('FAILED_PRECONDITION', `join Nakama party ${partyId} on your socket first (you are not in it)`);
  }
  return members;
}

export function createParty(store: Store, games: GameRegistry, game: GameDefinition, mode: string, partyId: string, userId: string, now: number): PartyRecord {
  const definition = games.requireMode(game, mode);
  if (definition.maxPartySize < 2) throw runtimeError('FAILED_PRECONDITION', `${game.name} ${mode} is played without parties`);
  const members = requireInParty(store.nk, partyId, userId);
  if (members.length > definition.maxPartySize) throw runtimeError('FAILED_PRECONDITION', `the party has ${members.length} players; ${mode} takes parties of up to ${definition.maxPartySize}`);
  return updateDocument(store, target(game.id, partyId), (stored) => {
    const current = ofGame(game, stored);
    if (current && current.leader !== userId) throw runtimeError('ALREADY_EXISTS', `party ${partyId} is registered already; join it with matchmaking_join_party`);
    // The leader may register again (e.g. to change the mode); members are kept if still in the party.
    const kept = current ? current.members.filter((m) => members.some((p) => p.userId === m)) : [userId];
    return { party_id: partyId, mode, leader: userId, members: kept, created_at: current ? current.created_at : now };
  })!;
}

export function joinParty(store: Store, game: GameDefinition, partyId: string, userId: string): PartyRecord {
  requireInParty(store.nk, partyId, userId);
  return updateDocument(store, target(game.id, partyId), (stored) => {
    const current = ofGame(game, stored);
    if (!current) throw runtimeError('NOT_FOUND', `party ${partyId} is not registered for ${game.name}`);
    if (current.members.indexOf(userId) >= 0) return null;
    const max = game.modes[current.mode].maxPartySize;
    if (current.members.length >= max) throw runtimeError('FAILED_PRECONDITION', `the party is full (${max} players in ${current.mode})`);
    return { ...current, members: current.members.concat(userId) };
  })!;
}

/** Leave the registry (the socket leaves the Nakama party); the next member leads; the last one out deletes it. */
export function leaveParty(store: Store, game: GameDefinition, partyId: string, userId: string): PartyRecord | null {
  return updateDocument(store, target(game.id, partyId), (stored) => {
    const current = ofGame(game, stored);
    if (!current || current.members.indexOf(userId) < 0) throw runtimeError('NOT_FOUND', `you are not in party ${partyId} of ${game.name}`);
    const members = current.members.filter((m) => m !== userId);
    if (members.length === 0) return 'delete';
    return { ...current, members, leader: current.leader === userId ? members[0] : current.leader };
  });
}
