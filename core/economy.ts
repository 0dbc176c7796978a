import { walletKey } from './scope';

/** Currency amounts to credit, by the game's plain currency names, e.g. `{coins: 50}`. */
export type Rewards = { [currency: string]: number };

/**
 * One credit to a player's per-game wallet. Every grant carries a reason and a source id, written to
 * Nakama's wallet ledger so that support and players can see where each coin came from.
 */
export interface Grant {
  userId: string;
  gameId: string;
  rewards: Rewards;
  /** Why, e.g. `achievement:first_correct_answer`. */
  reason: string;
  /** What caused it, e.g. the event id; unique per grant. */
  sourceId: string;
}

/** The wallet update (for nk.multiUpdate with the ledger on) that applies a grant. */
export function walletUpdateFor(grant: Grant): nkruntime.WalletUpdate {
  const changeset: nkruntime.Wallet = {};
  for (const currency of Object.keys(grant.rewards)) changeset[walletKey(grant.gameId, currency)] = grant.rewards[currency];
  return {
    userId: grant.userId,
    changeset,
    metadata: { game_id: grant.gameId, reason: grant.reason, source_id: grant.sourceId },
  };
}
