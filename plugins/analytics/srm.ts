/**
 * The sample-ratio-mismatch test of an experiment: are the exposures per cohort what the weights
 * promise? Pearson's chi-square goodness of fit with k - 1 degrees of freedom; its p-value is the
 * regularised upper incomplete gamma function Q(df / 2, chi2 / 2) (series and continued fraction,
 * as in Numerical Recipes' gammq, to about 1e-12).
 */
export const SRM_ALPHA = 0.001;

export interface SrmResult {
  chi_square: number;
  degrees_of_freedom: number;
  p_value: number;
  /** p_value below SRM_ALPHA with every expected count at least 5 (the test's validity rule). */
  mismatch: boolean;
  /** Every expected count is at least 5. */
  valid: boolean;
}

export function srmTest(observed: number[], weights: number[]): SrmResult {
  const total = observed.reduce((a, b) => a + b, 0);
  const expected = weights.map((w) => w * total);
  let chi = 0;
  observed.forEach((o, i) => { if (expected[i] > 0) chi += ((o - expected[i]) * (o - expected[i])) / expected[i]; });
  const df = observed.length - 1;
  const p = total > 0 && df > 0 ? upperGammaQ(df / 2, chi / 2) : 1;
  const valid = expected.every((e) => e >= 5);
  return { chi_square: round(chi, 6), degrees_of_freedom: df, p_value: p, mismatch: valid && p < SRM_ALPHA, valid };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Q(a, x) = Γ(a, x) / Γ(a). */
export function upperGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  return x < a + 1 ? 1 - lowerSeries(a, x) : upperFraction(a, x);
}

const EPS = 1e-14;
const ITERATIONS = 500;

function lowerSeries(a: number, x: number): number {
  let sum = 1 / a;
  let term = sum;
  for (let n = 1; n < ITERATIONS; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function upperFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** ln Γ(x) by Lanczos (g = 7, 9 terms). */
function logGamma(x: number): number {
  const g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let s = g[0];
  for (let i = 1; i < 9; i++) s += g[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}
