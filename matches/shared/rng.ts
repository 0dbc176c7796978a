import alea from 'seedrandom/lib/alea';

/** The generator's whole state: plain JSON, kept in match state so a match can be replayed. */
export interface RngState { c: number; s0: number; s1: number; s2: number }

/** A seeded random source. Match rules take all their randomness from one of these. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** A shuffled copy (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[];
  /** The state to store back into match state. */
  state(): RngState;
}

/** The initial generator state for a seed. */
export function seedRng(seed: string): RngState {
  return alea(seed, { state: true }).state();
}

/** A generator continuing from a stored state. */
export function createRng(state: RngState): Rng {
  const prng = alea('', { state: { c: state.c, s0: state.s0, s1: state.s1, s2: state.s2 } });
  const int = (n: number) => Math.floor(prng() * n);
  return {
    next: () => prng(),
    int,
    shuffle(items) {
      const copy = items.slice();
      for (let i = copy.length - 1; i > 0; i--) {
        const j = int(i + 1);
        const swap = copy[i];
        copy[i] = copy[j];
        copy[j] = swap;
      }
      return copy;
    },
    state: () => prng.state(),
  };
}
