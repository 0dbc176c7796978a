import { compare, type Operator } from '../../core/requirements';
import { gameRpc, loadHarness, playDuel } from '../support/harness-duel';

const DAY = 86400000;
interface Mission { id: string; value: number; threshold: number; operator: Operator; completed: boolean; rewards: { currencies?: { [c: string]: number } } }

describe('daily missions in the harness', () => {
  test('a played duel advances the day\'s missions; the done ones wait in the inbox once; the next day brings fresh ones', async () => {
    const h = await loadHarness('missions');
    const rpc = gameRpc(h);
    const { alice } = playDuel(h);
    const today = rpc('daily_missions_get', {}, alice);
    expect(today.missions).toHaveLength(3);
    const missions = today.missions as Mission[];
    expect(missions.some((m) => m.value > 0)).toBe(true);
    const done = missions.filter((m) => m.completed).map((m) => m.id);
    expect(done.length).toBeGreaterThan(0);
    // Done exactly when its metric meets the threshold (untouched ones, value 0, have no metric yet).
    for (const m of missions) if (m.value !== 0 || m.completed) expect(m.completed).toBe(compare(m.value, m.operator, m.threshold));
    // Each mission done waits in the inbox once; nothing else of the day's missions does.
    const waiting = rpc('rewards_list_pending', {}, alice).pending.map((d: { id: string }) => d.id);
    expect(waiting.sort()).toEqual(done.map((id) => `daily_mission:${today.day}/${id}`).sort());
    const before = h.wallet(alice);
    expect(rpc('rewards_claim_all', {}, alice).claimed).toHaveLength(done.length);
    expect(h.wallet(alice)).not.toEqual(before);
    expect(rpc('daily_missions_get', {}, alice)).toEqual(today);

    h.advanceTime(DAY);
    const tomorrow = rpc('daily_missions_get', {}, alice);
    expect(tomorrow.day).toBe(today.day + 1);
    expect((tomorrow.missions as Mission[]).every((m) => m.value === 0 && !m.completed)).toBe(true);
    h.dispose();
  });
});
