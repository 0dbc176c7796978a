import type { Rewards } from '../../core/economy';

/**
 * Prizes as pure functions. A tournament pays either a fixed table (ranks -> rewards) or a pool: a
 * share of the entry fees collected, split by percentages per rank. Amounts are whole units,
 * rounded down; what rounding leaves is not paid out (it stays with the house).
 * Ties: players sharing a rank cover as many ranks as they are (two players at rank 3 cover 3 and
 * 4) and each gets an equal share, rounded down, of what those ranks pay together.
 */
export interface PrizeTier { from: number; to: number; rewards: Rewards }
export interface PrizePool { currency: string; fee_share_percent: number; split_percent: number[] }

export interface Placed { userId: string; rank: number }
export interface Payout { userId: string; rank: number; rewards: Rewards }

/** What one rank pays alone (empty: nothing). */
export function rankPrize(rank: number, tiers: PrizeTier[], pool: PrizePool | null, fees: number): Rewards {
  if (pool) {
    const share = pool.split_percent[rank - 1];
    const amount = share ? Math.floor((Math.floor((fees * pool.fee_share_percent) / 100) * share) / 100) : 0;
    return amount > 0 ? { currencies: { [pool.currency]: amount } } : {};
  }
  const tier = tiers.filter((t) => t.from <= rank && rank <= t.to)[0];
  return tier ? tier.rewards : {};
}

/** Every placed player's prize, ties shared as above; players whose share is nothing are listed with empty rewards. */
export function payouts(placed: Placed[], tiers: PrizeTier[], pool: PrizePool | null, fees: number): Payout[] {
  const byRank: { [rank: number]: Placed[] } = {};
  for (const p of placed) (byRank[p.rank] = byRank[p.rank] || []).push(p);
  const out: Payout[] = [];
  for (const rank of Object.keys(byRank).map(Number).sort((a, b) => a - b)) {
    const group = byRank[rank];
    const total: Required<Rewards> = { currencies: {}, items: {} };
    for (let r = rank; r < rank + group.length; r++) add(total, rankPrize(r, tiers, pool, fees));
    for (const p of group) out.push({ userId: p.userId, rank, rewards: divide(total, group.length) });
  }
  return out;
}

function add(total: Required<Rewards>, rewards: Rewards): void {
  for (const part of ['currencies', 'items'] as const) {
    const from = rewards[part] || {};
    for (const k of Object.keys(from)) total[part][k] = (total[part][k] || 0) + from[k];
  }
}

function divide(total: Required<Rewards>, n: number): Rewards {
  const out: Rewards = {};
  for (const part of ['currencies', 'items'] as const) {
    for (const k of Object.keys(total[part])) {
      const amount = Math.floor(total[part][k] / n);
      if (amount > 0) out[part] = { ...(out[part] || {}), [k]: amount };
    }
  }
  return out;
}

export const isEmpty = (r: Rewards) => Object.keys(r.currencies || {}).length === 0 && Object.keys(r.items || {}).length === 0;

/** Leaderboard ranks with ties: equal scores share the rank of the first of them (records best first). */
export function rankScores(records: { userId: string; score: number }[]): Placed[] {
  const placed: Placed[] = [];
  records.forEach((r, i) => {
    const shares = i > 0 && records[i - 1].score === r.score;
    placed.push({ userId: r.userId, rank: shares ? placed[i - 1].rank : i + 1 });
  });
  return placed;
}
