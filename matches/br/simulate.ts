import type { MatchInput, StepResult } from '../shared/game-rules';
import type { MatchParams } from '../shared/match-params';
import { createRng, seedRng, type RngState } from '../shared/rng';
import type { BotMessage } from './bots';
import type { BrInput } from './input';
import type { BrRules } from './rules';
import type { BrState } from './state';

/**
 * A match run the way the shared adapter runs it (generator seeded from params.seed, its state kept
 * beside the rules' state), without Nakama: for tests, benchmarks and replays in Node.
 */
export interface Simulation {
  state: BrState;
  /** The generator's state between steps (the adapter keeps it the same way). */
  rng: RngState;
  /** One step at `tick`. With `jsonRoundTrip`, the state first goes through JSON, as it does through Go. */
  step(inputs: MatchInput<BrInput>[], tick: number, jsonRoundTrip?: boolean): StepResult<BrState>;
}

export function createSimulation(rules: BrRules, params: MatchParams, matchId: string): Simulation {
  const rng = createRng(seedRng(params.seed));
  const sim: Simulation = {
    state: rules.init(params, matchId, rng),
    rng: rng.state(),
    step(inputs, tick, jsonRoundTrip = false) {
      const stepRng = createRng(sim.rng);
      const before = jsonRoundTrip ? (JSON.parse(JSON.stringify(sim.state)) as BrState) : sim.state;
      const result = rules.step(before, inputs, tick, stepRng);
      sim.state = result.state;
      sim.rng = stepRng.state();
      return result;
    },
  };
  return sim;
}

/** A refused client message, as the adapter would answer it. */
export interface Refusal {
  userId: string;
  opCode: number;
  reason: string;
}

/** Decode raw client messages with the rules: the inputs, and the refusals in order. */
export function decodeMessages(rules: BrRules, messages: BotMessage[]): { inputs: BrInput[]; refused: Refusal[] } {
  const inputs: BrInput[] = [];
  const refused: Refusal[] = [];
  for (const m of messages) {
    const input = rules.decode(m.userId, m.opCode, m.payload);
    if (typeof input === 'string') refused.push({ userId: m.userId, opCode: m.opCode, reason: input });
    else inputs.push(input);
  }
  return { inputs, refused };
}
