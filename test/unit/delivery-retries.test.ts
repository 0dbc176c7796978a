import type { DomainEvent } from '../../core/events';
import { createGameRegistry } from '../../core/game-registry';
import type { Plugin } from '../../core/plugin';
import { createPluginHost, MAX_BATCH, MAX_UNAVAILABLE_MS, type PendingDelivery } from '../../core/plugin-host';
import { QUIZVERSE } from '../../matches/quiz/game-quizverse';

/** How the plugin host retries failed deliveries (core/plugin-host.ts): waits, attempts, the database being unreachable. */
const UNREACHABLE = 'failed to read storage objects: failed to connect to `user=postgres`: dial error: dial tcp 127.0.0.1:5432: connect: connection refused';
const games = createGameRegistry([QUIZVERSE]);
const event = (n: number): DomainEvent => ({ id: `m.node:${n}`, type: 'answer_correct', gameId: QUIZVERSE.id, matchId: 'm.node', userId: 'u', tick: n, data: {} });
/** The host times each delivery (Prometheus); nothing else of nk is used here. */
const nk = { metricsTimerRecord() {}, metricsCounterAdd() {} } as unknown as nkruntime.Nakama;

function setup(kind: 'events' | 'eventBatch') {
  const failWith: { [eventId: string]: string } = {};
  const calls: string[][] = [];
  const logs: string[] = [];
  const handle = (events: DomainEvent[]) => {
    calls.push(events.map((e) => e.id));
    const failing = events.filter((e) => failWith[e.id])[0];
    if (failing) throw new Error(failWith[failing.id]);
  };
  const plugin: Plugin = kind === 'events'
    ? { id: 'p', games: [QUIZVERSE.id], events: { answer_correct: (e) => handle([e]) } }
    : { id: 'p', games: [QUIZVERSE.id], eventBatch: (events) => handle(events) };
  const host = createPluginHost(games, [plugin]);
  const logger = { debug() {}, info() {}, warn: (f: string) => logs.push(f), error: (f: string) => logs.push(f) } as unknown as nkruntime.Logger;
  const deliver = (events: DomainEvent[], pending: PendingDelivery[], now: number, budgetMs?: number) => host.deliver(nk, logger, events, pending, now, budgetMs);
  return { failWith, calls, logs, deliver };
}

describe('delivery retries', () => {
  test('a failing delivery waits 0.25, 0.5, 1 and 2 s between tries and is given up after 5 failures', () => {
    const { failWith, calls, deliver } = setup('events');
    failWith['m.node:1'] = 'a bug';
    let pending = deliver([event(1)], [], 0);
    const tries = [0];
    for (let now = 1; now <= 10000 && pending.length > 0; now++) {
      const before = calls.length;
      pending = deliver([], pending, now);
      if (calls.length > before) tries.push(now);
    }
    expect(tries).toEqual([0, 250, 750, 1750, 3750]);
    expect(pending).toEqual([]);
  });

  test('an unreachable database costs no attempt: the delivery waits (at most 2 s between tries) until it is back', () => {
    const { failWith, calls, deliver } = setup('events');
    failWith['m.node:1'] = UNREACHABLE;
    let pending = deliver([event(1)], [], 0);
    for (let now = 1000; now <= 60000; now += 1000) pending = deliver([], pending, now);
    // Tries at 0, 1, 2, 3 s, then every 2 s: 32 failures by 60 s.
    expect(pending).toEqual([expect.objectContaining({ attempts: 0, failures: 32, firstFailedAt: 0, retryAt: 61000 })]);
    delete failWith['m.node:1'];
    expect(deliver([], pending, 61000)).toEqual([]);
    expect(calls.filter((c) => c[0] === 'm.node:1')).toHaveLength(33);
  });

  test(`an unreachable database is waited out for ${MAX_UNAVAILABLE_MS / 60000} minutes, then the delivery is given up and logged`, () => {
    const { failWith, logs, deliver } = setup('events');
    failWith['m.node:1'] = UNREACHABLE;
    let pending = deliver([event(1)], [], 0);
    for (let now = 2000; now < MAX_UNAVAILABLE_MS && pending.length > 0; now += 2000) pending = deliver([], pending, now);
    expect(pending).toHaveLength(1);
    expect(deliver([], pending, MAX_UNAVAILABLE_MS + 2000)).toEqual([]);
    expect(logs[logs.length - 1]).toBe('plugin %s gave up on event %s: the database was unreachable for %d s');
  });

  test('a batch the database refuses waits as a whole; a batch that fails otherwise is delivered one event at a time', () => {
    const { failWith, calls, deliver } = setup('eventBatch');
    failWith['m.node:2'] = UNREACHABLE;
    const pending = deliver([event(1), event(2), event(3)], [], 0);
    expect(calls).toEqual([['m.node:1', 'm.node:2', 'm.node:3']]);
    expect(pending.map((p) => p.event.id)).toEqual(['m.node:1', 'm.node:2', 'm.node:3']);
    failWith['m.node:2'] = 'a bug';
    calls.length = 0;
    expect(deliver([], pending, 250).map((p) => p.event.id)).toEqual(['m.node:2']);
    expect(calls).toEqual([['m.node:1', 'm.node:2', 'm.node:3'], ['m.node:1'], ['m.node:2'], ['m.node:3']]);
  });

  test(`a delivery budget spreads the work in batches of at most ${MAX_BATCH} events over calls, in order, each event once, counting no failure`, () => {
    const { calls, deliver } = setup('eventBatch');
    const events = Array.from({ length: 2 * MAX_BATCH + 5 }, (_, i) => event(i + 1));
    // Budget 0: one plugin call per delivery (the first always runs).
    let pending = deliver(events, [], 0, 0);
    expect(calls).toEqual([events.slice(0, MAX_BATCH).map((e) => e.id)]);
    expect(pending.map((d) => d.event.id)).toEqual(events.slice(MAX_BATCH).map((e) => e.id));
    expect(pending.every((d) => d.failures === 0 && d.attempts === 0 && d.retryAt === 0)).toBe(true);
    // A later event waits behind the deferred ones.
    pending = deliver([event(100)], pending, 1, 0);
    pending = deliver([], pending, 2, 0);
    expect(pending).toEqual([]);
    expect(calls.map((c) => c.length)).toEqual([MAX_BATCH, MAX_BATCH, 6]);
    expect(calls.flat()).toEqual(events.map((e) => e.id).concat('m.node:100'));
    // A spent budget (negative) starts nothing.
    const spent = setup('eventBatch');
    expect(spent.deliver(events.slice(0, 3), [], 0, -1).map((d) => d.event.id)).toEqual(events.slice(0, 3).map((e) => e.id));
    expect(spent.calls).toEqual([]);
    // No budget: everything in one call's batches.
    const unbounded = setup('eventBatch');
    expect(unbounded.deliver(events, [], 0)).toEqual([]);
    expect(unbounded.calls.map((c) => c.length)).toEqual([MAX_BATCH, MAX_BATCH, 5]);
  });
});
