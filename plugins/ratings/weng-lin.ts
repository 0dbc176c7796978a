/**
 * Weng-Lin Bayesian rating ("OpenSkill"), Plackett-Luce variant, for free-for-all and team modes
 * (Weng & Lin 2011, "A Bayesian Approximation Method for Online Ranking", Algorithm 4; openskill.js
 * `plackettLuce` is the reference implementation). Each player holds a belief N(mu, sigma^2) about
 * their skill; one match of any number of teams of any size updates every belief in closed form,
 * O(teams^2 + players) per match. Pure and deterministic: no randomness, no clock.
 *
 * The constants are the openskill defaults (mu 25, sigma 25/3, beta 25/6, tau 25/300) times 60, so
 * ratings read like the Elo numbers of elo.ts; every mu and sigma comes out exactly 60x openskill's.
 */

/** Scaled to the Elo scale of elo.ts so ratings of all modes read alike: mu 1500, sigma 500 (25 and 25/3 x 60). */
export const WL_MU = 1500;
export const WL_SIGMA = 500;
/** Performance noise: a player's showing in one match varies around their skill with this sd (sigma/2). */
export const WL_BETA = 250;
/** Floor on the variance multiplier, so one match never shrinks a sigma below 1% of itself. */
export const WL_KAPPA = 0.0001;
/** Small additive dynamics so sigma never collapses to 0 (25/300 x 60); added before each update. */
export const WL_TAU = 5;

export interface SkillBelief {
  mu: number;
  sigma: number;
}

export interface WengLinOptions {
  /** Dynamics added before the update: sigma' = sqrt(sigma^2 + tau^2). Defaults to WL_TAU; 0 disables it. */
  tau?: number;
}

export const newBelief = (): SkillBelief => ({ mu: WL_MU, sigma: WL_SIGMA });

function check(teams: SkillBelief[][], ranks: number[], tau: number): void {
  if (!Array.isArray(teams) || !Array.isArray(ranks)) throw new Error('wengLinUpdate: teams and ranks must be arrays');
  if (teams.length !== ranks.length) {
    throw new Error(`wengLinUpdate: ${teams.length} teams but ${ranks.length} ranks`);
  }
  if (teams.length < 2) throw new Error(`wengLinUpdate: a match needs at least 2 teams, got ${teams.length}`);
  teams.forEach((team, i) => {
    if (!Array.isArray(team) || team.length === 0) throw new Error(`wengLinUpdate: team ${i} has no players`);
    team.forEach((b, j) => {
      if (!b || !isFinite(b.mu) || !isFinite(b.sigma) || !(b.sigma > 0)) {
        throw new Error(`wengLinUpdate: team ${i} player ${j} needs a finite mu and a finite sigma > 0`);
      }
    });
    if (typeof ranks[i] !== 'number' || !isFinite(ranks[i])) throw new Error(`wengLinUpdate: rank ${i} is not a finite number`);
  });
  if (!(isFinite(tau) && tau >= 0)) throw new Error('wengLinUpdate: tau must be a finite number >= 0');
}

/**
 * New beliefs after one match. `teams[i]` lists the beliefs of team i's players (a free-for-all is
 * teams of one); `ranks[i]` is team i's placement (1 = best; equal ranks are ties). Returns the new
 * beliefs in the same shape. Pure; does not mutate its input.
 */
export function wengLinUpdate(teams: SkillBelief[][], ranks: number[], options: WengLinOptions = {}): SkillBelief[][] {
  const tau = options.tau === undefined ? WL_TAU : options.tau;
  check(teams, ranks, tau);
  const tauSq = tau * tau;
  const betaSq = WL_BETA * WL_BETA;
  const n = teams.length;

  // Dynamics first: every player's uncertainty grows a little before the match is taken into account.
  const prior: SkillBelief[][] = teams.map((team) => team.map((b) => ({ mu: b.mu, sigma: Math.sqrt(b.sigma * b.sigma + tauSq) })));

  // Team strength: mu and variance add up over the members.
  const teamMu: number[] = [];
  const teamVar: number[] = [];
  let cSq = 0;
  for (let i = 0; i < n; i++) {
    let mu = 0;
    let variance = 0;
    for (const b of prior[i]) {
      mu += b.mu;
      variance += b.sigma * b.sigma;
    }
    teamMu.push(mu);
    teamVar.push(variance);
    cSq += variance + betaSq;
  }
  const c = Math.sqrt(cSq);

  // exp(mu_q / c). Only ratios of these are used, so shifting every exponent by the largest keeps
  // exp from overflowing without changing the result.
  let maxMu = teamMu[0];
  for (let i = 1; i < n; i++) if (teamMu[i] > maxMu) maxMu = teamMu[i];
  const strength = teamMu.map((mu) => Math.exp((mu - maxMu) / c));

  // C_q: total strength of the teams placed at or below q; A_q: teams sharing q's rank (ties).
  const below: number[] = [];
  const tied: number[] = [];
  for (let q = 0; q < n; q++) {
    let sum = 0;
    let count = 0;
    for (let s = 0; s < n; s++) {
      if (ranks[s] >= ranks[q]) sum += strength[s];
      if (ranks[s] === ranks[q]) count++;
    }
    below.push(sum);
    tied.push(count);
  }

  return prior.map((team, i) => {
    // Sum over every q placed at or above i: the chance that i comes out of the pool left at q.
    let omegaSum = 0;
    let deltaSum = 0;
    for (let q = 0; q < n; q++) {
      if (ranks[q] > ranks[i]) continue;
      const p = strength[i] / below[q];
      omegaSum += ((q === i ? 1 : 0) - p) / tied[q];
      deltaSum += (p * (1 - p)) / tied[q];
    }
    const gamma = Math.sqrt(teamVar[i]) / c;
    const omega = (teamVar[i] / c) * omegaSum;
    const delta = ((gamma * teamVar[i]) / (c * c)) * deltaSum;

    // Each member takes the share of the team's change that its variance is of the team's variance.
    return team.map((b) => {
      const share = (b.sigma * b.sigma) / teamVar[i];
      return {
        mu: b.mu + share * omega,
        sigma: b.sigma * Math.sqrt(Math.max(1 - share * delta, WL_KAPPA)),
      };
    });
  });
}

/** The rating shown to players and used by the matchmaker: round(mu) (integer). */
export function displayRating(b: SkillBelief): number {
  return Math.round(b.mu) + 0; // + 0 turns -0 into 0
}

/** A conservative estimate for leaderboards: round(mu - 3 sigma). */
export function conservativeRating(b: SkillBelief): number {
  return Math.round(b.mu - 3 * b.sigma) + 0;
}
