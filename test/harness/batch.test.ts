import { failure, loadHarness } from '../support/harness-duel';
import { QUIZVERSE_ID } from '../support/quiz';

/** Batch RPCs on the built bundle (the real-server twin: test/integration/batch.test.ts). */
describe('batch RPCs in the harness', () => {

  test('batch_execute runs each call with its own checks and result; atomic batches apply whole or not at all', async () => {
    const h = await loadHarness();
    const ann = h.createUser();
    const batch = (payload: object, userId = ann) => JSON.parse(h.rpc('batch_execute', payload, { userId }));
    const out = batch({ calls: [
      { rpc_id: 'player_overview', payload: { game_id: QUIZVERSE_ID } },
      { rpc_id: 'achievements_update_progress', payload: { game_id: QUIZVERSE_ID, user_id: ann, achievement_id: 'first_correct_answer', increment: 1 } },
      { rpc_id: 'player_overview', payload: { game_id: 'bad' } },
      { rpc_id: 'season_get_active', payload: { game_id: QUIZVERSE_ID } },
    ] });
    expect(out.results.map((r: { rpc_id: string; ok: boolean; error?: { message: string } }) => [r.rpc_id, r.ok, r.error ? r.error.message : null])).toEqual([
      ['player_overview', true, null],
      ['achievements_update_progress', false, 'PERMISSION_DENIED: this call is for admins'], // as alone: players may not
      ['player_overview', false, 'INVALID_FIELD: game_id: must be a lowercase UUID'],
      ['season_get_active', true, null],
    ]);
    expect(out.results[0].result.wallet).toEqual({ coins: 0, xp: 0 });
    expect(failure(() => batch({ calls: [{ rpc_id: 'batch_execute', payload: {} }] }))).toBe('INVALID_FIELD: calls[0].rpc_id: batches do not nest');
    expect(failure(() => batch({ calls: Array.from({ length: 21 }, () => ({ rpc_id: 'player_overview' })) }))).toBe('INVALID_FIELD: calls: must have at most 20 items');

    // Atomic: one bad call refuses the batch before anything runs.
    const write = { rpc_id: 'batch_write_storage', payload: { game_id: QUIZVERSE_ID, writes: [{ key: 'k', value: { a: 1 } }] } };
    expect(failure(() => batch({ atomic: true, calls: [write] }))).toBe('INVALID_FIELD: calls[0].rpc_id: batches do not nest');
    const cancel = { rpc_id: 'matchmaking_cancel', payload: { game_id: QUIZVERSE_ID } };
    expect(failure(() => batch({ atomic: true, calls: [cancel, cancel] }))).toMatch(/^FAILED_PRECONDITION: an atomic batch holds at most one write/);
    expect(failure(() => batch({ atomic: true, calls: [cancel, { rpc_id: 'player_overview', payload: { game_id: 'bad' } }] }))).toBe(
      'FAILED_PRECONDITION: atomic batch refused: calls[1] (player_overview): INVALID_FIELD: game_id: must be a lowercase UUID',
    );
    expect(JSON.parse(h.rpc('rate_limit_status', {}, { userId: ann })).rpcs.matchmaking_cancel.used).toBe(0); // nothing ran, nothing counted
    expect(batch({ atomic: true, calls: [cancel, { rpc_id: 'player_overview', payload: { game_id: QUIZVERSE_ID } }] }).results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true]);
    h.dispose();
  });

  test("players read their own storage and write only player_data, in one transaction; another game's data is another namespace", async () => {
    const h = await loadHarness();
    const ann = h.createUser();
    const call = (id: string, payload: object) => JSON.parse(h.rpc(id, { game_id: QUIZVERSE_ID, ...payload }, { userId: ann }));
    expect(call('batch_write_storage', { writes: [{ key: 'settings', value: { music: false } }, { key: 'loadout', value: { hat: 2 } }] }).acks).toHaveLength(2);
    expect(failure(() => call('batch_write_storage', { writes: [{ key: 'x', value: { a: 1 } }, { collection: 'achievements', key: 'progress', value: {} }] }))).toBe(
      'INVALID_FIELD: writes[1].collection: players write player_data only',
    );
    // A stale version fails the whole batch: the first write of it did not happen either.
    expect(failure(() => call('batch_write_storage', { writes: [{ key: 'settings', value: { music: true } }, { key: 'loadout', value: { hat: 3 }, version: 'stale' }] }))).toBe(
      'FAILED_PRECONDITION: a version did not match: nothing was written',
    );
    const read = call('batch_read_storage', { reads: [{ collection: 'player_data', key: 'settings' }, { collection: 'player_data', key: 'loadout' }, { collection: 'achievements', key: 'progress' }] });
    expect(read.objects.map((o: { key: string; value: unknown }) => [o.key, o.value]).sort()).toEqual([['loadout', { hat: 2 }], ['settings', { music: false }]]);
    const other = JSON.parse(h.rpc('batch_read_storage', { game_id: '5b4f2a9e-3c8d-4e71-a0f6-9d2c7b1e4a38', reads: [{ collection: 'player_data', key: 'settings' }] }, { userId: ann }));
    expect(other.objects).toEqual([]);
    h.dispose();
  });

  test('admins credit and debit wallets in one transaction and submit leaderboard scores; players may not', async () => {
    const h = await loadHarness();
    const [ann, ben] = [h.createUser(), h.createUser()];
    const admin = (id: string, payload: object) => JSON.parse(h.rpc(id, { game_id: QUIZVERSE_ID, ...payload }));
    expect(failure(() => h.rpc('batch_wallet_operations', { game_id: QUIZVERSE_ID, operations: [] }, { userId: ann }))).toBe('PERMISSION_DENIED: this call is for admins');
    expect(admin('batch_wallet_operations', { operations: [{ user_id: ann, currencies: { coins: 100 }, reason: 'compensation' }, { user_id: ben, currencies: { coins: 50, xp: 10 }, reason: 'compensation' }] })).toEqual({ applied: 2 });
    expect(failure(() => admin('batch_wallet_operations', { operations: [{ user_id: ann, currencies: { coins: -10 }, reason: 'fix' }, { user_id: ben, currencies: { coins: -60 }, reason: 'fix' }] }))).toBe(
      'FAILED_PRECONDITION: a balance would go negative: nothing was applied',
    );
    expect(h.wallet(ann)).toEqual({ [`${QUIZVERSE_ID}:coins`]: 100 });
    expect(h.ledger(ben)[0].metadata).toMatchObject({ reason: 'admin:compensation', game_id: QUIZVERSE_ID });
    expect(failure(() => admin('batch_wallet_operations', { operations: [{ user_id: ann, currencies: { gems: 1 }, reason: 'x' }] }))).toBe('INVALID_FIELD: operations[0].currencies.gems: not a currency of QuizVerse');
    expect(failure(() => admin('batch_wallet_operations', { operations: [{ user_id: '7d2f2b1e-9c8d-4e71-a0f6-9d2c7b1e4a38', currencies: { coins: 1 }, reason: 'x' }] }))).toBe('NOT_FOUND: no user 7d2f2b1e-9c8d-4e71-a0f6-9d2c7b1e4a38');
    expect(admin('batch_leaderboard_submissions', { leaderboard: 'weekly', records: [{ user_id: ann, score: 30 }, { user_id: ben, score: 50 }] })).toEqual({ leaderboard_id: `${QUIZVERSE_ID}:weekly`, written: 2, failed: [] });
    h.dispose();
  });
});
