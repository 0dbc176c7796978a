import { QUIZVERSE_ID } from '../support/quiz';
import { connectPlayer, rpc, rpcError, serverRpc, walletLedger, type Player } from './support/nakama';

/** Batch RPCs on the real server: per-call checks inside batch_execute, one transaction for storage and wallets. */
describe('batch RPCs on a real Nakama', () => {
  let ann: Player;
  let ben: Player;
  beforeAll(async () => { [ann, ben] = await Promise.all([connectPlayer('batch-a'), connectPlayer('batch-b')]); });
  afterAll(() => { ann?.close(); ben?.close(); });
  const game = { game_id: QUIZVERSE_ID };

  test('batch_execute answers each call as it would be answered alone', async () => {
    const out = await rpc<any>(ann, 'batch_execute', { calls: [
      { rpc_id: 'player_overview', payload: game },
      { rpc_id: 'matchmaking_update_skill_rating', payload: { ...game, user_id: ann.userId, mode: 'duel', rating: 3000 } },
      { rpc_id: 'achievements_get_all', payload: { game_id: 'nope' } },
    ] });
    expect(out.results.map((r: any) => [r.rpc_id, r.ok, r.ok ? null : r.error.code])).toEqual([
      ['player_overview', true, null], ['matchmaking_update_skill_rating', false, 7], ['achievements_get_all', false, 3],
    ]);
    expect((await rpc<any>(ann, 'player_overview', game)).ratings.duel.rating).toBe(1500);
  });

  test('player_data writes are one transaction; a stale version writes nothing', async () => {
    const first = await rpc<any>(ann, 'batch_write_storage', { ...game, writes: [{ key: 'settings', value: { music: false } }, { key: 'loadout', value: { hat: 1 } }] });
    expect(first.acks).toHaveLength(2);
    const stale = await rpcError(rpc(ann, 'batch_write_storage', { ...game, writes: [{ key: 'settings', value: { music: true } }, { key: 'loadout', value: { hat: 9 }, version: 'not-the-version' }] }));
    expect(stale).toMatchObject({ status: 400, message: 'FAILED_PRECONDITION: a version did not match: nothing was written' });
    const read = await rpc<any>(ann, 'batch_read_storage', { ...game, reads: [{ collection: 'player_data', key: 'settings' }, { collection: 'player_data', key: 'loadout' }] });
    expect(Object.fromEntries(read.objects.map((o: any) => [o.key, o.value]))).toEqual({ settings: { music: false }, loadout: { hat: 1 } });
    expect(await rpcError(rpc(ann, 'batch_write_storage', { ...game, writes: [{ collection: 'ratings', key: 'skill', value: {} }] }))).toMatchObject({ status: 400 });
  });

  test('admin wallet batches apply all or nothing, with a ledger entry each; leaderboard scores land in Nakama', async () => {
    expect(await rpcError(rpc(ann, 'batch_wallet_operations', { ...game, operations: [] }))).toMatchObject({ status: 403, code: 7 });
    const credit = [{ user_id: ann.userId, currencies: { coins: 40 }, reason: 'event_prize' }, { user_id: ben.userId, currencies: { coins: 10 }, reason: 'event_prize' }];
    expect(await serverRpc('batch_wallet_operations', { ...game, operations: credit })).toEqual({ applied: 2 });
    await expect(serverRpc('batch_wallet_operations', { ...game, operations: [{ user_id: ann.userId, currencies: { coins: -5 }, reason: 'fix' }, { user_id: ben.userId, currencies: { coins: -50 }, reason: 'fix' }] }))
      .rejects.toThrow('FAILED_PRECONDITION: a balance would go negative: nothing was applied');
    expect((await rpc<any>(ann, 'player_overview', game)).wallet.coins).toBe(40);
    expect((await walletLedger(ben.userId)).filter((l) => l.metadata.reason === 'admin:event_prize')).toHaveLength(1);

    const submitted = await serverRpc<any>('batch_leaderboard_submissions', { ...game, leaderboard: 'it_batch', records: [{ user_id: ann.userId, score: 70 }, { user_id: ben.userId, score: 90, subscore: 2 }] });
    expect(submitted).toEqual({ leaderboard_id: `${QUIZVERSE_ID}:it_batch`, written: 2, failed: [] });
    const top = await ann.client.listLeaderboardRecords(ann.session, `${QUIZVERSE_ID}:it_batch`, undefined, 10);
    expect((top.records || []).map((r) => [r.owner_id, Number(r.score)])).toEqual([[ben.userId, 90], [ann.userId, 70]]);
  });
});
