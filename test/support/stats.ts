/** Statistics the rating tests and the matchmaking simulation share. */

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Pearson correlation; 0 when either side does not vary. */
export function pearson(xs: number[], ys: number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) * (xs[i] - mx);
    syy += (ys[i] - my) * (ys[i] - my);
  }
  return sxx === 0 || syy === 0 ? 0 : sxy / Math.sqrt(sxx * syy);
}

/** Ranks 0..n-1, ties sharing their average rank. */
function ranked(values: number[]): number[] {
  const order = values.map((_, i) => i).sort((a, b) => values[a] - values[b]);
  const out = new Array<number>(values.length);
  for (let k = 0; k < order.length; ) {
    let end = k;
    while (end + 1 < order.length && values[order[end + 1]] === values[order[k]]) end++;
    for (let m = k; m <= end; m++) out[order[m]] = (k + end) / 2;
    k = end + 1;
  }
  return out;
}

/** Spearman rank correlation: Pearson of the ranks. */
export const spearman = (xs: number[], ys: number[]) => pearson(ranked(xs), ranked(ys));
