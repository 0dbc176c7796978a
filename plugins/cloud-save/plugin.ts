import { addressOf, collectionOf, defineDocument, documentAt, parseStored, readStored, writeOf } from '../../core/documents';
import { runtimeError } from '../../core/errors';
import type { GameRegistry } from '../../core/game-registry';
import { recordStorageWrites } from '../../core/metrics';
import type { Plugin, RpcCall } from '../../core/plugin';
import { anyObject, int, obj } from '../../core/shape';
import { isVersionConflict } from '../../core/storage';
import { MAX_SAVE_BYTES, MAX_SLOTS, measureSave, PUT_ENVELOPE_BYTES, SLOT_NAME, staleVersion, tooManySlots } from './slots';

/** A slot as stored: the player's data, its size in bytes of JSON, and when it was written (ms). */
export interface SaveSlot { data: { [key: string]: unknown }; size: number; updated_at: number }

/**
 * `<game_id>:cloud_save` / slot name, owned by the player: readable by them (Nakama's storage API
 * too), written only by these RPCs (not player-writable: Nakama refuses client writes of the stored
 * objects, and the API guards refuse client writes to the collection at all).
 */
const SAVE = defineDocument<SaveSlot>({
  name: 'cloud_save',
  owner: 'player',
  shape: obj({ data: anyObject, size: int(0), updated_at: int(0) }),
});

const GAME_ID = { type: 'uuid', required: true } as const;
const SLOT = { type: 'string', required: true, maxLength: 32, pattern: SLOT_NAME } as const;
/** Nakama's storage versions are hex digits (32 of them); other text never reaches storage. */
const VERSION = /^[0-9a-f]{1,64}$/;
/** save_put also takes '' (create) and '*' (Nakama's spelling of create-only). */
const PUT_VERSION = /^(\*|[0-9a-f]{0,64})$/;
/** save_list shows at most this many slots (more exist only if an operator wrote them). */
const LIST_LIMIT = 100;

const slotOf = (call: RpcCall<any>) => documentAt(SAVE, call.game.id, call.payload.slot as string, call.userId);
/** The player's slots in the game, in key order (at most `limit`). */
const slotsOf = (call: RpcCall<any>, limit: number) => call.nk.storageList(call.userId, collectionOf(SAVE, call.game.id), limit).objects || [];
/** The slot's stored version ('' when none is stored). */
const versionOf = (call: RpcCall<any>) => readStored(call, [slotOf(call)])[0].version || '';

/**
 * Cloud save (docs/retention.md "Cloud save"): per game, up to MAX_SLOTS named slots per player, each
 * a JSON object of at most MAX_SAVE_BYTES with a version. Every write names the version it replaces
 * and Nakama checks it in the write itself (optimistic concurrency), so of two devices writing over
 * the same version one wins and the other is refused with the current version: never a silent overwrite.
 */
export function createCloudSavePlugin(games: GameRegistry): Plugin {
  function list(call: RpcCall<any>) {
    const slots = slotsOf(call, LIST_LIMIT)
      .map((o) => ({ o, value: parseStored(call, SAVE, o) }))
      .filter((s) => s.value !== null)
      .map(({ o, value }) => ({ slot: o.key, version: o.version, size: value!.size, updated_at: value!.updated_at }));
    return { slots, max_slots: MAX_SLOTS, max_bytes: MAX_SAVE_BYTES };
  }

  function get(call: RpcCall<any>) {
    const [stored] = readStored(call, [slotOf(call)]);
    if (!stored.value) throw runtimeError('NOT_FOUND', `slot ${call.payload.slot} holds no save in ${call.game.name}`);
    return { slot: call.payload.slot as string, version: stored.version, data: stored.value.data, size: stored.value.size, updated_at: stored.value.updated_at };
  }

  function put(call: RpcCall<any>) {
    const { nk, payload } = call;
    const slot = payload.slot as string;
    const measured = measureSave(payload.data);
    if ('problem' in measured) throw runtimeError('INVALID_FIELD', measured.problem);
    // '' (or none) creates; '*' is Nakama's own spelling of the same.
    const given = payload.version === undefined || payload.version === '*' ? '' : (payload.version as string);
    if (given === '') requireRoom(call, slot);
    const value: SaveSlot = { data: payload.data, size: measured.bytes, updated_at: Date.now() };
    let version: string;
    try {
      version = nk.storageWrite([writeOf(slotOf(call), value, given === '' ? '*' : given)])[0].version;
    } catch (error) {
      if (isVersionConflict(error)) throw staleVersion(slot, given, versionOf(call));
      throw error;
    }
    recordStorageWrites(nk, 1);
    if (given === '') undoOverCap(call, slot, version);
    return { slot, version, size: value.size, updated_at: value.updated_at };
  }

  /** A new slot needs room: refused when the slot exists (with its version) or the player holds MAX_SLOTS. */
  function requireRoom(call: RpcCall<any>, slot: string): void {
    const held = slotsOf(call, MAX_SLOTS + 1);
    const same = held.filter((o) => o.key === slot)[0];
    if (same) throw staleVersion(slot, '', same.version);
    if (held.length >= MAX_SLOTS) throw tooManySlots(call.game.name, held.length);
  }

  /**
   * Two devices creating different slots at once both pass requireRoom. Why this keeps the cap: each
   * creator counts again after its own write committed, and the last to commit sees every other
   * create, so it finds the excess and takes its own slot back (concurrent creators may both do, and
   * both retry; never more than MAX_SLOTS stay).
   */
  function undoOverCap(call: RpcCall<any>, slot: string, version: string): void {
    const held = slotsOf(call, MAX_SLOTS + 1).length;
    if (held <= MAX_SLOTS) return;
    try {
      call.nk.storageDelete([{ ...addressOf(slotOf(call)), version }]);
    } catch (error) {
      if (!isVersionConflict(error)) throw error;
      call.logger.warn('cloud save: slot %s of %s over the cap changed before it could be taken back', slot, call.userId);
      return;
    }
    throw tooManySlots(call.game.name, held - 1);
  }

  function remove(call: RpcCall<any>) {
    const given = call.payload.version as string;
    try {
      call.nk.storageDelete([{ ...addressOf(slotOf(call)), version: given }]);
    } catch (error) {
      if (!isVersionConflict(error)) throw error;
      const current = versionOf(call);
      if (current === '') throw runtimeError('NOT_FOUND', `slot ${call.payload.slot} holds no save in ${call.game.name}`);
      throw staleVersion(call.payload.slot, given, current);
    }
    return { slot: call.payload.slot as string, deleted: true as const };
  }

  const conflict = `the slot changed since that version (or, without a version, holds a save already): the message ends with current_version=<version> (empty: no save), the version to write with after merging`;
  return {
    id: 'cloud_save',
    games: games.games.map((g) => g.id),
    documents: [SAVE],
    rpcs: [
      {
        id: 'save_list',
        access: 'player',
        effect: 'read',
        description: `The caller's save slots in this game (at most ${MAX_SLOTS}), by name, without their data.`,
        response: '{slots: [{slot, version, size, updated_at}], max_slots, max_bytes}',
        payload: { game_id: GAME_ID },
        handle: list,
      },
      {
        id: 'save_get',
        access: 'player',
        effect: 'read',
        description: 'One save slot of the caller: its data and the version to write over it with.',
        response: '{slot, version, data: {...}, size, updated_at}',
        payload: { game_id: GAME_ID, slot: SLOT },
        errors: { NOT_FOUND: 'the slot holds no save' },
        handle: get,
      },
      {
        id: 'save_put',
        access: 'player',
        effect: 'write',
        description: `Write a save slot: data is a JSON object of at most ${MAX_SAVE_BYTES} bytes. version '' (or none) creates the slot and is refused when it exists; otherwise version must be the slot's current one (optimistic concurrency, checked by Nakama in the write), so a device writing over a save it has not seen is refused instead of overwriting it. At most ${MAX_SLOTS} slots per player and game.`,
        response: '{slot, version, size, updated_at}',
        maxPayloadBytes: MAX_SAVE_BYTES + PUT_ENVELOPE_BYTES,
        payload: { game_id: GAME_ID, slot: SLOT, data: { type: 'object', required: true, freeForm: true }, version: { type: 'string', maxLength: 64, pattern: PUT_VERSION } },
        errors: { INVALID_FIELD: 'data is too large or holds what cannot be stored (the path named)', FAILED_PRECONDITION: `${conflict}; or creating would exceed ${MAX_SLOTS} slots` },
        handle: put,
      },
      {
        id: 'save_delete',
        access: 'player',
        effect: 'write',
        description: "Delete a save slot at its current version (a device that has not seen the latest save cannot delete it).",
        response: '{slot, deleted: true}',
        payload: { game_id: GAME_ID, slot: SLOT, version: { type: 'string', required: true, maxLength: 64, pattern: VERSION } },
        errors: { NOT_FOUND: 'the slot holds no save', FAILED_PRECONDITION: conflict },
        handle: remove,
      },
    ],
  };
}
