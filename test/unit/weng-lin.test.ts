import {
  WL_BETA,
  WL_MU,
  WL_SIGMA,
  WL_TAU,
  conservativeRating,
  displayRating,
  newBelief,
  wengLinUpdate,
  type SkillBelief,
} from '../../plugins/ratings/weng-lin';
import { mulberry32 } from '../support/prng';
import { pearson, spearman } from '../support/stats';

/** Our constants are openskill's defaults x 60 (mu 25, sigma 25/3, beta 25/6, tau 25/300). */
const SCALE = 60;
const os = (mu: number, sigma: number): SkillBelief => ({ mu: mu * SCALE, sigma: sigma * SCALE });
const osDefault = () => os(25, 25 / 3);

/** Every mu and sigma equals 60x the openskill number within 1e-6 relative. */
function expectOpenSkill(actual: SkillBelief[][], expected: Array<Array<[number, number]>>): void {
  expect(actual.map((team) => team.length)).toEqual(expected.map((team) => team.length));
  actual.forEach((team, i) =>
    team.forEach((b, j) => {
      const [mu, sigma] = expected[i][j];
      expect(Math.abs(b.mu - mu * SCALE)).toBeLessThanOrEqual(1e-6 * Math.abs(mu * SCALE));
      expect(Math.abs(b.sigma - sigma * SCALE)).toBeLessThanOrEqual(1e-6 * sigma * SCALE);
    }),
  );
}

describe('Weng-Lin (Plackett-Luce): agreement with openskill.js, scaled 60x', () => {
  test('the constants are openskill defaults x 60', () => {
    const openskill = [25, 25 / 3, 25 / 6, 25 / 300];
    [WL_MU, WL_SIGMA, WL_BETA, WL_TAU].forEach((ours, i) => expect(ours).toBeCloseTo(openskill[i] * SCALE, 9));
    expect(newBelief()).toEqual({ mu: 1500, sigma: 500 });
  });

  test('1v1 between newcomers, tau 0', () => {
    // By hand at the openskill scale (mu 25, sigma 25/3, beta 25/6):
    //   c^2 = 2 (sigma^2 + beta^2) = 2 (69.444 + 17.361) = 173.611, c = 13.176
    //   equal mu, so exp(mu/c) is the same e for both: C_1 = 2e (both teams), C_2 = e, A = 1
    //   winner: omegaSum = 1 - 1/2 = 0.5, deltaSum = 1/2 (1 - 1/2) = 0.25
    //   loser:  omegaSum = -1/2 + (1 - 1) = -0.5, deltaSum = 0.25 + 0 = 0.25
    //   Omega = sigma^2 / c * 0.5 = 69.444 / 13.176 * 0.5 = 2.6352  -> mu 27.6352 / 22.3648
    //   gamma = sigma / c = 0.63246; Delta = gamma sigma^2 / c^2 * 0.25 = 0.63246 * 0.4 * 0.25 = 0.063246
    //   sigma' = 8.3333 sqrt(1 - 0.063246) = 8.0655
    // openskill.js src/models/__tests__/plackett-luce.test.ts ('2p FFA') publishes the same to 16 digits.
    expectOpenSkill(wengLinUpdate([[osDefault()], [osDefault()]], [1, 2], { tau: 0 }), [
      [[27.63523138347365, 8.065506316323548]],
      [[22.36476861652635, 8.065506316323548]],
    ]);
  });

  test('3-player free-for-all and three teams of different sizes, tau 0', () => {
    // openskill.js src/models/__tests__/plackett-luce.test.ts ('3p FFA', '3 teams different sized players').
    expectOpenSkill(wengLinUpdate([[osDefault()], [osDefault()], [osDefault()]], [1, 2, 3], { tau: 0 }), [
      [[27.868876552746237, 8.204837030780652]],
      [[25.717219138186557, 8.057829747583874]],
      [[21.413904309067206, 8.057829747583874]],
    ]);
    const three = [osDefault(), osDefault(), osDefault()];
    expectOpenSkill(wengLinUpdate([three, [osDefault()], [osDefault(), osDefault()]], [1, 2, 3], { tau: 0 }), [
      [
        [25.939870821784513, 8.247641552260456],
        [25.939870821784513, 8.247641552260456],
        [25.939870821784513, 8.247641552260456],
      ],
      [[27.21366020491262, 8.274321317985242]],
      [
        [21.84646897330287, 8.213058173195341],
        [21.84646897330287, 8.213058173195341],
      ],
    ]);
  });

  test('default tau (openskill 25/300 = our WL_TAU), ranks in any order, ties', () => {
    // openskill.js src/__tests__/rate.test.ts, whose rate() applies the default tau first.
    // 'reverses rank'
    expectOpenSkill(wengLinUpdate([[osDefault()], [osDefault()]], [2, 1]), [
      [[22.364610506859503, 8.06590141354368]],
      [[27.635389493140497, 8.06590141354368]],
    ]);
    // 'allows ties'
    expectOpenSkill(wengLinUpdate([[os(10, 8)], [os(5, 10)], [os(0, 12)]], [1, 2, 2]), [
      [[11.942996666741225, 7.926888197620324]],
      [[2.9381178546315034, 9.653804487570165]],
      [[-1.4024317012198733, 11.323641575516767]],
    ]);
    // 'fixes orders of ties'
    const spread = [os(15, 25 / 3), os(20, 25 / 3), os(25, 25 / 3), os(30, 25 / 3)];
    expectOpenSkill(wengLinUpdate(spread.map((b) => [b]), [2, 4, 2, 1]), [
      [[15.340043358359136, 8.213141619804967]],
      [[18.007678675484204, 8.189033933813437]],
      [[24.25801928251219, 8.166918055585525]],
      [[32.39425868364447, 8.247687230833794]],
    ]);
    // 'accepts teams in rating order'
    const [a1, b1, c1] = [os(29.182, 4.782), os(27.174, 4.922), os(16.672, 6.217)];
    expectOpenSkill(wengLinUpdate([[a1, osDefault()], [b1, osDefault()], [c1, osDefault()]], [3, 1, 2]), [
      [
        [27.857622571955794, 4.744504197327133],
        [20.97892943330433, 8.129851804000902],
      ],
      [
        [27.990904891666695, 4.901705733959291],
        [27.341233554297506, 8.2314516336455],
      ],
      [
        [17.607030910762578, 6.141282638892306],
        [26.67983701239816, 8.149157818911323],
      ],
    ]);
  });

  test('a custom tau', () => {
    // openskill.js src/__tests__/rate.test.ts 'accepts a tau term' (tau 0.3 = 18 on our scale).
    expectOpenSkill(wengLinUpdate([[os(25, 3)], [os(25, 3)]], [1, 2], { tau: 0.3 * SCALE }), [
      [[25.624880438870754, 2.9879993738476953]],
      [[24.375119561129246, 2.9879993738476953]],
    ]);
  });
});

describe('Weng-Lin (Plackett-Luce): behaviour', () => {
  const field = (): SkillBelief[][] => [
    [{ mu: 1700, sigma: 120 }],
    [{ mu: 1500, sigma: 500 }],
    [{ mu: 1350, sigma: 260 }],
    [{ mu: 1620, sigma: 80 }],
    [{ mu: 1480, sigma: 330 }],
  ];

  test('winners gain mu, losers lose mu, every sigma shrinks (tau 0)', () => {
    const before = Array.from({ length: 8 }, () => [newBelief()]);
    const after = wengLinUpdate(before, [1, 2, 3, 4, 5, 6, 7, 8], { tau: 0 });
    expect(after[0][0].mu).toBeGreaterThan(WL_MU);
    expect(after[7][0].mu).toBeLessThan(WL_MU);
    for (let i = 1; i < 8; i++) expect(after[i][0].mu).toBeLessThan(after[i - 1][0].mu);
    for (const [b] of after) expect(b.sigma).toBeLessThan(WL_SIGMA);

    const mixed = wengLinUpdate(field(), [1, 2, 3, 4, 5], { tau: 0 });
    expect(mixed[0][0].mu).toBeGreaterThan(1700);
    expect(mixed[4][0].mu).toBeLessThan(1480);
    mixed.forEach(([b], i) => expect(b.sigma).toBeLessThan(field()[i][0].sigma));
  });

  test('an upset moves ratings more than the expected result', () => {
    const strong = { mu: 1800, sigma: 200 };
    const weak = { mu: 1300, sigma: 200 };
    const [[expectedWin]] = wengLinUpdate([[strong], [weak]], [1, 2]);
    const [, [upsetWin]] = wengLinUpdate([[strong], [weak]], [2, 1]);
    expect(upsetWin.mu - weak.mu).toBeGreaterThan(expectedWin.mu - strong.mu);
    expect(expectedWin.mu - strong.mu).toBeGreaterThan(0);
  });

  test('ties between equal players change no mu', () => {
    const two = wengLinUpdate([[newBelief()], [newBelief()]], [1, 1]);
    expect(two.map(([b]) => b.mu)).toEqual([WL_MU, WL_MU]);
    const four = wengLinUpdate(Array.from({ length: 4 }, () => [{ mu: 1620, sigma: 210 }]), [3, 3, 3, 3], { tau: 0 });
    for (const [b] of four) {
      expect(b.mu).toBeCloseTo(1620, 9);
      expect(b.sigma).toBeLessThan(210);
    }
  });

  test('permuting the teams with their ranks permutes the result', () => {
    const teams = field();
    const ranks = [2, 1, 5, 2, 4];
    const result = wengLinUpdate(teams, ranks);
    const order = [3, 0, 4, 1, 2];
    const permuted = wengLinUpdate(order.map((i) => teams[i]), order.map((i) => ranks[i]));
    order.forEach((i, k) => {
      expect(permuted[k][0].mu).toBeCloseTo(result[i][0].mu, 6);
      expect(permuted[k][0].sigma).toBeCloseTo(result[i][0].sigma, 6);
    });
  });

  test('pure: the input is not changed and the same input gives the same output', () => {
    const teams = field();
    const snapshot = JSON.stringify(teams);
    const first = wengLinUpdate(teams, [1, 2, 3, 4, 5]);
    expect(JSON.stringify(teams)).toBe(snapshot);
    expect(wengLinUpdate(teams, [1, 2, 3, 4, 5])).toEqual(first);
    expect(first[0][0]).not.toBe(teams[0][0]);
  });

  test('2 vs 2: both winners rise, both losers fall, the member with larger sigma moves more', () => {
    const settled = { mu: 1500, sigma: 150 };
    const [[fresh, veteran], [l1, l2]] = wengLinUpdate([[newBelief(), settled], [newBelief(), newBelief()]], [1, 2]);
    expect(fresh.mu).toBeGreaterThan(WL_MU);
    expect(veteran.mu).toBeGreaterThan(WL_MU);
    expect(fresh.mu - WL_MU).toBeGreaterThan(veteran.mu - WL_MU);
    expect(l1.mu).toBeLessThan(WL_MU);
    expect(l2.mu).toBeLessThan(WL_MU);

    const [, [newcomer, old]] = wengLinUpdate([[newBelief(), newBelief()], [newBelief(), settled]], [1, 2]);
    expect(WL_MU - newcomer.mu).toBeGreaterThan(WL_MU - old.mu);
    expect(WL_MU - old.mu).toBeGreaterThan(0);
  });

  test('the displayed and the conservative rating', () => {
    expect(displayRating(newBelief())).toBe(1500);
    expect(conservativeRating(newBelief())).toBe(0);
    expect(displayRating({ mu: 1623.5, sigma: 90 })).toBe(1624);
    expect(conservativeRating({ mu: 1623.5, sigma: 90 })).toBe(1354);
    expect(conservativeRating({ mu: 1499.6, sigma: 500 })).toBe(0);
  });

  test('rejects malformed matches with a clear error', () => {
    expect(() => wengLinUpdate([[newBelief()], [newBelief()]], [1])).toThrow(/2 teams but 1 ranks/);
    expect(() => wengLinUpdate([[newBelief()], []], [1, 2])).toThrow(/team 1 has no players/);
    expect(() => wengLinUpdate([[newBelief()]], [1])).toThrow(/at least 2 teams/);
    expect(() => wengLinUpdate([], [])).toThrow(/at least 2 teams/);
    expect(() => wengLinUpdate([[newBelief()], [{ mu: 1500, sigma: 0 }]], [1, 2])).toThrow(/sigma > 0/);
    expect(() => wengLinUpdate([[newBelief()], [{ mu: NaN, sigma: 500 }]], [1, 2])).toThrow(/finite mu/);
    expect(() => wengLinUpdate([[newBelief()], [newBelief()]], [1, NaN])).toThrow(/rank 1/);
    expect(() => wengLinUpdate([[newBelief()], [newBelief()]], [1, 2], { tau: -1 })).toThrow(/tau/);
  });
});

// ---- convergence on simulated players -------------------------------------------------------


/** Standard normal by Box-Muller. */
function gaussian(rng: () => number): number {
  let u = 0;
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

interface Snapshot {
  /** Matches played per player on average. */
  matches: number;
  spearman: number;
  /** Mean |mu - true skill|. */
  rawError: number;
  /** Mean |a + b mu - true skill| for the least-squares line a + b mu: the error once mu's scale is mapped onto skill. */
  calibratedError: number;
  /** The slope b of that line's inverse: how many rating points one point of true skill is worth. */
  spread: number;
  meanSigma: number;
}

/**
 * 200 players with hidden skill uniform in 1000..2000. Each round shuffles them into matches of
 * `teams` teams of `teamSize` (leftovers sit the round out); a player performs at skill + N(0, WL_BETA),
 * a team at its members' mean performance, and placements follow performance.
 */
function simulate(seed: number, teamSize: number, teams: number, checkpoints: number[]) {
  const rng = mulberry32(seed);
  const players = 200;
  const skill = Array.from({ length: players }, () => 1000 + 1000 * rng());
  const beliefs = skill.map(() => newBelief());
  const played = skill.map(() => 0);
  const startError = mean(skill.map((s, i) => Math.abs(beliefs[i].mu - s)));
  const perMatch = teamSize * teams;
  const snapshots: Snapshot[] = [];
  for (let round = 1; round <= checkpoints[checkpoints.length - 1]; round++) {
    const order = skill.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let start = 0; start + perMatch <= players; start += perMatch) {
      const lineup = Array.from({ length: teams }, (_, t) => order.slice(start + t * teamSize, start + (t + 1) * teamSize));
      const performance = lineup.map((team) => mean(team.map((p) => skill[p] + WL_BETA * gaussian(rng))));
      const ranks = performance.map((p) => 1 + performance.filter((q) => q > p).length);
      const updated = wengLinUpdate(lineup.map((team) => team.map((p) => beliefs[p])), ranks);
      lineup.forEach((team, t) => team.forEach((p, k) => {
        beliefs[p] = updated[t][k];
        played[p]++;
      }));
    }
    if (checkpoints.indexOf(round) >= 0) {
      const mus = beliefs.map((b) => b.mu);
      const r = pearson(mus, skill);
      const slope = (r * Math.sqrt(mean(skill.map((s) => (s - mean(skill)) ** 2)))) / Math.sqrt(mean(mus.map((m) => (m - mean(mus)) ** 2)));
      const line = (mu: number) => mean(skill) + slope * (mu - mean(mus));
      snapshots.push({
        matches: mean(played),
        spearman: spearman(skill, mus),
        rawError: mean(skill.map((s, i) => Math.abs(mus[i] - s))),
        calibratedError: mean(skill.map((s, i) => Math.abs(line(mus[i]) - s))),
        spread: 1 / slope,
        meanSigma: mean(beliefs.map((b) => b.sigma)),
      });
    }
  }
  return { startError, snapshots };
}

describe('Weng-Lin (Plackett-Luce): convergence on simulated players', () => {
  // Plackett-Luce recovers the ORDER of skills well but not their scale: mu spreads wider than the
  // hidden skill (the model's logistic noise, c = sqrt(sum of sigma_q^2 + beta^2), grows with the
  // number of teams and with sigma), so mean |mu - skill| grows even while the ranking converges.
  // Accuracy is therefore judged by rank correlation and by the error once mu's scale is mapped onto
  // skill with the least-squares line.
  test('8-player free-for-all', () => {
    const { startError, snapshots } = simulate(20110, 1, 8, [30, 200]);
    const [at30, at200] = snapshots;
    expect(at30.matches).toBe(30);
    expect(at30.spearman).toBeGreaterThan(0.9);
    expect(at30.calibratedError).toBeLessThan(0.5 * startError);
    expect(at30.meanSigma).toBeLessThan(0.8 * WL_SIGMA);
    expect(at200.spearman).toBeGreaterThan(0.95);
    expect(at200.meanSigma).toBeLessThan(0.45 * WL_SIGMA);
  });

  test('4 teams of 4, placed by the team mean performance', () => {
    const { startError, snapshots } = simulate(20110, 4, 4, [32, 200]);
    const [at32, at200] = snapshots;
    expect(at32.matches).toBeCloseTo(30.72, 9);
    expect(at32.spearman).toBeGreaterThan(0.8);
    expect(at32.calibratedError).toBeLessThan(0.6 * startError);
    expect(at32.meanSigma).toBeLessThan(0.9 * WL_SIGMA);
    expect(at200.spearman).toBeGreaterThan(0.93);
    expect(at200.meanSigma).toBeLessThan(0.5 * WL_SIGMA);
  });
});
