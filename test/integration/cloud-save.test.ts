import { Client, type Session } from '@heroiclabs/nakama-js';
import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { QUIZVERSE } from '../../matches/quiz/game-quizverse';
import { currentVersionIn, MAX_SAVE_BYTES, MAX_SLOTS } from '../../plugins/cloud-save/slots';
import { rpcError, server } from './support/nakama';

/**
 * Cloud save on the real server (docs/retention.md "Cloud save"): one user on two devices (two
 * sessions), writing named slots with optimistic concurrency through the module's RPCs, and trying
 * Nakama's own storage API on the same collection.
 */
const Q = { game_id: QUIZVERSE.id };
const COLLECTION = `${QUIZVERSE.id}:cloud_save`;

interface Device { client: Client; session: Session; userId: string }
interface Put { slot: string; version: string; size: number; updated_at: number }

let counter = 0;
/** A new user (a new device id); `twin` signs the same user in on another device. */
async function device(deviceId?: string): Promise<Device & { deviceId: string }> {
  const { host, port, serverKey } = server();
  const client = new Client(serverKey, host, port, false);
  const id = deviceId || `save-${process.pid}-${Date.now()}-${++counter}`;
  const session = await client.authenticateDevice(id, true);
  return { client, session, userId: session.user_id!, deviceId: id };
}
const twin = (d: { deviceId: string }) => device(d.deviceId);

async function call<T>(d: Device, id: string, payload: object): Promise<T> {
  return (await d.client.rpc(d.session, id, payload)).payload as T;
}
/** The call's outcome: its answer, or its error body. */
const settle = (p: Promise<unknown>) => p.then((value) => ({ ok: true as const, value }), async (r: Response) => ({ ok: false as const, error: await r.json() as { code: number; message: string } }));

describe('cloud save', () => {
  test('a save is created once, read back, and listed without its data', async () => {
    const phone = await device();
    const created = await call<Put>(phone, 'save_put', { ...Q, slot: 'main', data: { level: 7, name: 'Zoë' } });
    expect(created).toMatchObject({ slot: 'main', size: JSON.stringify({ level: 7, name: 'Zoë' }).length + 1, version: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(await call(phone, 'save_get', { ...Q, slot: 'main' })).toEqual({ slot: 'main', version: created.version, data: { level: 7, name: 'Zoë' }, size: created.size, updated_at: created.updated_at });
    expect(await call(phone, 'save_list', Q)).toEqual({ slots: [{ slot: 'main', version: created.version, size: created.size, updated_at: created.updated_at }], max_slots: MAX_SLOTS, max_bytes: MAX_SAVE_BYTES });
    const missing = await rpcError(call(phone, 'save_get', { ...Q, slot: 'other' }));
    expect(missing).toMatchObject({ status: 404, code: 5, message: `NOT_FOUND: slot other holds no save in ${QUIZVERSE.name}` });
  });

  test('two devices writing over the same version: exactly one wins, the other is refused with the current version', async () => {
    const phone = await device();
    const tablet = await twin(phone);
    expect(tablet.userId).toBe(phone.userId);
    let { version } = await call<Put>(phone, 'save_put', { ...Q, slot: 'race', data: { from: 'start' } });
    for (let round = 0; round < 5; round++) {
      const [a, b] = await Promise.all([
        settle(call<Put>(phone, 'save_put', { ...Q, slot: 'race', data: { from: 'phone', round }, version })),
        settle(call<Put>(tablet, 'save_put', { ...Q, slot: 'race', data: { from: 'tablet', round }, version })),
      ]);
      const won = [a, b].filter((r) => r.ok);
      const lost = [a, b].filter((r) => !r.ok);
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const winner = (won[0] as { value: Put }).value;
      const error = (lost[0] as { error: { code: number; message: string } }).error;
      expect(error.code).toBe(9);
      expect(error.message).toMatch(new RegExp(`^FAILED_PRECONDITION: slot race changed since version ${version}: .*current_version=${winner.version}$`));
      expect(currentVersionIn(error.message)).toBe(winner.version);
      // The winner's data is what is stored: nobody's write was lost silently.
      const stored = await call<{ version: string; data: { from: string } }>(tablet, 'save_get', { ...Q, slot: 'race' });
      expect(stored).toMatchObject({ version: winner.version, data: { from: a.ok ? 'phone' : 'tablet', round } });
      version = winner.version;
    }
  });

  test('two devices creating the same slot at once: one creates it, the other learns its version', async () => {
    const phone = await device();
    const tablet = await twin(phone);
    const results = await Promise.all([phone, tablet].map((d, i) => settle(call<Put>(d, 'save_put', { ...Q, slot: 'fresh', data: { device: i } }))));
    const won = results.filter((r) => r.ok);
    expect(won).toHaveLength(1);
    const lost = results.filter((r) => !r.ok)[0] as { error: { message: string } };
    expect(lost.error.message).toMatch(/holds a save already/);
    expect(currentVersionIn(lost.error.message)).toBe((won[0] as { value: Put }).value.version);
  });

  test('create-only is refused when the slot exists; a stale version is refused; the current one resolves it', async () => {
    const phone = await device();
    const first = await call<Put>(phone, 'save_put', { ...Q, slot: 'main', data: { v: 1 } });
    for (const version of [undefined, '', '*']) {
      const exists = await rpcError(call(phone, 'save_put', { ...Q, slot: 'main', data: { v: 'again' }, ...(version === undefined ? {} : { version }) }));
      expect(exists).toMatchObject({ status: 400, code: 9 });
      expect(currentVersionIn(exists.message)).toBe(first.version);
    }
    const second = await call<Put>(phone, 'save_put', { ...Q, slot: 'main', data: { v: 2 }, version: first.version });
    const stale = await rpcError(call(phone, 'save_put', { ...Q, slot: 'main', data: { v: 'old' }, version: first.version }));
    expect(currentVersionIn(stale.message)).toBe(second.version);
    const bogus = await rpcError(call(phone, 'save_put', { ...Q, slot: 'main', data: { v: 'old' }, version: 'abc' }));
    expect(currentVersionIn(bogus.message)).toBe(second.version);
    expect(await rpcError(call(phone, 'save_put', { ...Q, slot: 'main', data: {}, version: 'not-a-version' }))).toMatchObject({ code: 3, message: expect.stringMatching(/^INVALID_FIELD: version: must match/) });
    // A version for a slot that holds no save cannot create one: the empty current version says "create it".
    const none = await rpcError(call(phone, 'save_put', { ...Q, slot: 'never', data: {}, version: second.version }));
    expect(none).toMatchObject({ code: 9 });
    expect(currentVersionIn(none.message)).toBe('');
    expect(await call(phone, 'save_get', { ...Q, slot: 'main' })).toMatchObject({ version: second.version, data: { v: 2 } });
  });

  test('deletes are version-checked too', async () => {
    const phone = await device();
    const saved = await call<Put>(phone, 'save_put', { ...Q, slot: 'main', data: { v: 1 } });
    const updated = await call<Put>(phone, 'save_put', { ...Q, slot: 'main', data: { v: 2 }, version: saved.version });
    const stale = await rpcError(call(phone, 'save_delete', { ...Q, slot: 'main', version: saved.version }));
    expect(stale).toMatchObject({ code: 9 });
    expect(currentVersionIn(stale.message)).toBe(updated.version);
    expect(await rpcError(call(phone, 'save_delete', { ...Q, slot: 'main', version: '' }))).toMatchObject({ code: 3, message: expect.stringMatching(/^INVALID_FIELD: version: must match/) });
    expect(await call(phone, 'save_delete', { ...Q, slot: 'main', version: updated.version })).toEqual({ slot: 'main', deleted: true });
    expect(await rpcError(call(phone, 'save_get', { ...Q, slot: 'main' }))).toMatchObject({ code: 5 });
    expect(await rpcError(call(phone, 'save_delete', { ...Q, slot: 'main', version: updated.version }))).toMatchObject({ code: 5 });
  });

  test('data over the cap is refused, by the payload limit or by the data check', async () => {
    const phone = await device();
    const huge = await rpcError(call(phone, 'save_put', { ...Q, slot: 'big', data: { pad: 'x'.repeat(MAX_SAVE_BYTES + 2000) } }));
    expect(huge).toMatchObject({ status: 400, code: 3, message: expect.stringMatching(/^INVALID_PAYLOAD: payload is larger than/) });
    const over = await rpcError(call(phone, 'save_put', { ...Q, slot: 'big', data: { pad: 'x'.repeat(MAX_SAVE_BYTES - 10 + 100) } }));
    expect(over).toMatchObject({ status: 400, code: 3, message: `INVALID_FIELD: data: ${MAX_SAVE_BYTES + 100} characters of JSON, more than ${MAX_SAVE_BYTES} bytes` });
    const wide = await rpcError(call(phone, 'save_put', { ...Q, slot: 'big', data: { pad: '€'.repeat(21850) } }));
    expect(wide).toMatchObject({ code: 3, message: expect.stringMatching(/^INVALID_FIELD: data: \d+ bytes of JSON, at most/) });
    expect(await rpcError(call(phone, 'save_put', { ...Q, slot: 'big', data: { a: 'nul\u0000' } }))).toMatchObject({ code: 3, message: expect.stringContaining('data.a: text with a NUL') });
    expect(await rpcError(call(phone, 'save_put', { ...Q, slot: 'big', data: [1, 2] }))).toMatchObject({ code: 3 });
    // Exactly at the cap is fine.
    expect(await call(phone, 'save_put', { ...Q, slot: 'big', data: { pad: 'x'.repeat(MAX_SAVE_BYTES - 10) } })).toMatchObject({ size: MAX_SAVE_BYTES });
    expect(await call(phone, 'save_list', Q)).toMatchObject({ slots: [{ slot: 'big', size: MAX_SAVE_BYTES }] });
  });

  test('a player keeps at most the slot cap per game, also when two devices create at once', async () => {
    const phone = await device();
    const tablet = await twin(phone);
    for (let i = 0; i < MAX_SLOTS - 1; i++) await call(phone, 'save_put', { ...Q, slot: `s${i}`, data: { i } });
    const racing = await Promise.all([phone, tablet].map((d, i) => settle(call(d, 'save_put', { ...Q, slot: `racer${i}`, data: {} }))));
    const { slots } = await call<{ slots: Put[] }>(phone, 'save_list', Q);
    expect(slots.length).toBeLessThanOrEqual(MAX_SLOTS);
    expect(slots.length).toBe(MAX_SLOTS - 1 + racing.filter((r) => r.ok).length);
    for (const r of racing.filter((x) => !x.ok)) expect((r as { error: { message: string } }).error.message).toMatch(/^FAILED_PRECONDITION: at most 5 save slots per player in QuizVerse/);
    // Fill to the cap; the next new slot is refused, and the slots are all still there.
    if (slots.length < MAX_SLOTS) await call(phone, 'save_put', { ...Q, slot: 'last', data: {} });
    const refused = await rpcError(call(phone, 'save_put', { ...Q, slot: 'one_more', data: {} }));
    expect(refused).toMatchObject({ code: 9, message: `FAILED_PRECONDITION: at most ${MAX_SLOTS} save slots per player in ${QUIZVERSE.name} (${MAX_SLOTS} held): delete one first` });
    expect((await call<{ slots: Put[] }>(phone, 'save_list', Q)).slots).toHaveLength(MAX_SLOTS);
    // Another game has its own slots.
    expect(await call(phone, 'save_put', { game_id: LASTTOLIVE.id, slot: 'one_more', data: {} })).toMatchObject({ slot: 'one_more' });
  });

  test("another game's slots and another player's slots cannot be reached", async () => {
    const phone = await device();
    const stranger = await device();
    const saved = await call<Put>(phone, 'save_put', { ...Q, slot: 'main', data: { secret: 'quiz' } });
    const L = { game_id: LASTTOLIVE.id };
    expect(await call(phone, 'save_list', L)).toMatchObject({ slots: [] });
    expect(await rpcError(call(phone, 'save_get', { ...L, slot: 'main' }))).toMatchObject({ code: 5 });
    expect(await rpcError(call(phone, 'save_delete', { ...L, slot: 'main', version: saved.version }))).toMatchObject({ code: 5 });
    expect(await rpcError(call(phone, 'save_put', { ...L, slot: 'main', data: { x: 1 }, version: saved.version }))).toMatchObject({ code: 9 });
    expect(await call(stranger, 'save_list', Q)).toMatchObject({ slots: [] });
    expect(await rpcError(call(stranger, 'save_get', { ...Q, slot: 'main' }))).toMatchObject({ code: 5 });
    expect(await rpcError(call(stranger, 'save_delete', { ...Q, slot: 'main', version: saved.version }))).toMatchObject({ code: 5 });
    expect(await call(phone, 'save_get', { ...Q, slot: 'main' })).toMatchObject({ version: saved.version, data: { secret: 'quiz' } });
  });

  test("Nakama's own storage API reads the player's saves but cannot write or delete them", async () => {
    const phone = await device();
    const stranger = await device();
    const saved = await call<Put>(phone, 'save_put', { ...Q, slot: 'main', data: { coins: 10 } });
    const read = await phone.client.readStorageObjects(phone.session, { object_ids: [{ collection: COLLECTION, key: 'main', user_id: phone.userId }] });
    expect(read.objects).toMatchObject([{ key: 'main', version: saved.version, permission_read: 1, permission_write: 0, value: { data: { coins: 10 } } }]);
    expect((await stranger.client.readStorageObjects(stranger.session, { object_ids: [{ collection: COLLECTION, key: 'main', user_id: phone.userId }] })).objects).toEqual([]);

    for (const object of [{ key: 'main', version: saved.version }, { key: 'main' }, { key: 'new_slot' }]) {
      const write = await rpcError(phone.client.writeStorageObjects(phone.session, [{ collection: COLLECTION, ...object, value: { data: { coins: 999999 }, size: 1, updated_at: 0 } }]));
      expect(write).toMatchObject({ status: 403, code: 7, message: expect.stringMatching(/^PERMISSION_DENIED: .*belongs to the server/) });
    }
    const del = await rpcError(phone.client.deleteStorageObjects(phone.session, { object_ids: [{ collection: COLLECTION, key: 'main', version: saved.version }] }));
    expect(del).toMatchObject({ status: 403, code: 7 });
    expect(await call(phone, 'save_get', { ...Q, slot: 'main' })).toMatchObject({ version: saved.version, data: { coins: 10 } });
    expect(await call(phone, 'save_list', Q)).toMatchObject({ slots: [{ slot: 'main' }] });
  });
});
