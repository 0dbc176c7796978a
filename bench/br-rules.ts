/**
 * Benchmark: the pure per-tick cost of LastToLive's rules for a 100-player squad match, every
 * living player sending a move every tick (and a shot whenever an enemy is in view and the weapon
 * is ready). Times decode + step only (bots and bookkeeping are outside the timed section).
 * Not a test: it prints figures.
 *
 * Run: npm run bench -- bench/br-rules.ts
 */
import { botMessages, createBots, observeBots } from '../matches/br/bots';
import { LASTTOLIVE } from '../matches/br/game-lasttolive';
import { OP } from '../matches/br/protocol';
import { createBrRules, type BrRules } from '../matches/br/rules';
import { DEFAULT_BR_SETTINGS, type BrSettings } from '../matches/br/settings';
import { createSimulation, decodeMessages } from '../matches/br/simulate';

interface Figures {
  ticks: number;
  stepMs: number[];
  /** Players alive, averaged over the ticks. */
  alive: number;
  jsonMs: number[];
  stateBytes: number[];
  inputsPerTick: number;
  snapshotBytes: number[];
  messagesPerTick: number;
}

function play(rules: BrRules, seed: string, maxTicks: number): Figures {
  const players = Array.from({ length: 100 }, (_, i) => ({ userId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, username: `bot${i}` }));
  const sim = createSimulation(rules, { game: LASTTOLIVE, mode: 'squad', players, seed }, `bench-${seed}`);
  const bots = createBots(sim.state, seed, { aimError: 60 });
  const f: Figures = { ticks: 0, alive: 0, stepMs: [], jsonMs: [], stateBytes: [], inputsPerTick: 0, snapshotBytes: [], messagesPerTick: 0 };
  let inputs = 0;
  let messages = 0;
  for (let tick = 1; sim.state.phase !== 'ended' && tick <= maxTicks; tick++) {
    const presence = tick === 1 ? players.map((p) => ({ kind: 'join' as const, userId: p.userId })) : [];
    const raw = bots.map((b) => botMessages(b, sim.state, rules.settings, tick)).reduce((all, m) => all.concat(m), []);
    const t0 = process.hrtime.bigint();
    const decoded = decodeMessages(rules, raw);
    const out = sim.step([...presence, ...decoded.inputs], tick);
    const t1 = process.hrtime.bigint();
    // What crossing Go costs on top (the state goes through JSON-like conversion every call).
    const json = JSON.stringify(sim.state);
    sim.state = JSON.parse(json);
    const t2 = process.hrtime.bigint();
    f.stepMs.push(Number(t1 - t0) / 1e6);
    f.jsonMs.push(Number(t2 - t1) / 1e6);
    f.stateBytes.push(json.length);
    inputs += decoded.inputs.length;
    messages += out.messages.length;
    for (const m of out.messages) if (m.opCode === OP.SNAPSHOT && tick % 50 === 1) f.snapshotBytes.push((m.payload as ArrayBuffer).byteLength);
    observeBots(bots, out.messages);
    f.ticks = tick;
    f.alive += sim.state.players.filter((p) => p.hp > 0).length;
  }
  f.alive /= f.ticks;
  f.inputsPerTick = inputs / f.ticks;
  f.messagesPerTick = messages / f.ticks;
  return f;
}

function quantile(values: number[], q: number): number {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function report(name: string, f: Figures): void {
  const ms = (v: number) => v.toFixed(3);
  console.log(`${name}: ${f.ticks} ticks, ${f.alive.toFixed(1)} players alive, ${f.inputsPerTick.toFixed(1)} inputs/tick, ${f.messagesPerTick.toFixed(1)} messages/tick (averages)`);
  console.log(`  decode+step ms/tick: median ${ms(quantile(f.stepMs, 0.5))}, p95 ${ms(quantile(f.stepMs, 0.95))}, p99 ${ms(quantile(f.stepMs, 0.99))}, max ${ms(Math.max(...f.stepMs))}`);
  console.log(`  JSON round trip of the state ms/tick: median ${ms(quantile(f.jsonMs, 0.5))}, p95 ${ms(quantile(f.jsonMs, 0.95))}`);
  console.log(`  state JSON bytes: start ${f.stateBytes[0]}, median ${quantile(f.stateBytes, 0.5)}, max ${Math.max(...f.stateBytes)}`);
  if (f.snapshotBytes.length > 0) console.log(`  snapshot msgpack bytes: median ${quantile(f.snapshotBytes, 0.5)}, max ${Math.max(...f.snapshotBytes)}`);
}

/**
 * Players who cannot fall and weapons that fire every tick: all 100 players stay in the world,
 * move every tick and shoot every tick an enemy is in view (the heaviest input load).
 */
const TOUGH: BrSettings = {
  ...DEFAULT_BR_SETTINGS,
  maxHp: 1000000,
  weapons: DEFAULT_BR_SETTINGS.weapons.map((w) => ({ ...w, damage: 1, cooldownTicks: 1, ammo: 100000 })),
};
/** Everyone within a 200 m map: the crowded worst case for grid queries, hit tests and snapshots. */
const CROWDED: BrSettings = { ...TOUGH, mapSize: 20000, zone: [
  { waitTicks: 300, shrinkTicks: 300, radius: 7000, damage: 5 },
  { waitTicks: 100, shrinkTicks: 100, radius: 0, damage: 50 },
] };

const live = createBrRules(DEFAULT_BR_SETTINGS);
play(live, 'warm-up', 600);
report('A. 100 players squad, live settings, all alive (tough weapons), 1 km map, 600 ticks', play(createBrRules(TOUGH), 'bench-a', 600));
report('B. 100 players squad, all alive (tough weapons), crowded 200 m map, 600 ticks', play(createBrRules(CROWDED), 'bench-b', 600));
report('C. 100 players squad, live settings, a whole match to the end', play(live, 'bench-c', 100000));
