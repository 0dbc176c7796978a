/** seedrandom's Alea generator, imported directly so the bundle carries only this algorithm. */
declare module 'seedrandom/lib/alea' {
  interface AleaState { c: number; s0: number; s1: number; s2: number }
  interface AleaPrng {
    (): number;
    int32(): number;
    double(): number;
    state(): AleaState;
  }
  function alea(seed: string, options?: { state: true | AleaState }): AleaPrng;
  export = alea;
}
