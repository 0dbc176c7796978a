import { defineDocument, documentAt, readStored, writeOf, type Store } from './documents';
import type { GameDefinition } from './game-registry';
import { recordCurrency } from './metrics';
import { walletKey } from './scope';
import { dict, int, obj, optional, withDefault } from './shape';

/**
 * The one economy service: every reward a plugin gives goes through a Grant, applied inside the
 * plugin's exactly-once transaction (core/apply-once.ts): currencies to the per-game wallet keys with
 * Nakama's ledger on, items (badges, titles, consumables) to the per-game inventory document.
 */
export interface Rewards {
  /** Game currencies by plain name, e.g. `{coins: 50, xp: 100}`; each must be a currency of the game. */
  currencies?: { [currency: string]: number };
  /** Items by id from the game's catalog (`GameDefinition.items`: items, badges, titles), with counts. */
  items?: { [itemId: string]: number };
}

/**
 * One reward to a player. Every grant carries a reason and a source id, written to Nakama's wallet
 * ledger (item grants too, in the ledger entry's metadata), so support and players can see where
 * each coin and item came from.
 */
export interface Grant {
  userId: string;
  gameId: string;
  rewards: Rewards;
  /** Why, e.g. `achievement:first_correct_answer`. */
  reason: string;
  /** What caused it, e.g. the event id; unique per grant. */
  sourceId: string;
  /** XP granted as is, without the live multiplier (admin grants). */
  exactXp?: boolean;
}

/** True for the error Nakama fails a wallet update with when a balance would go below zero. */
export function isInsufficientFunds(error: unknown): boolean {
  return /negative/i.test(String((error as { message?: string }).message || error));
}

/** Rewards as stored in a document (untrusted when read back: positive integer amounts by snake_case id). */
export const REWARDS_SHAPE = obj({ currencies: optional(dict(int(1), 50, /^[a-z][a-z0-9_]*$/)), items: optional(dict(int(1), 50, /^[a-z][a-z0-9_]*$/)) });

/** A player's items in one game (storage `<game_id>:inventory` / `items`, read-only for the player). */
export interface InventoryDocument {
  items: { [itemId: string]: { count: number; first_at: number } };
}

export const INVENTORY = defineDocument<InventoryDocument>({
  name: 'inventory',
  owner: 'player',
  shape: obj({ items: withDefault(dict(obj({ count: int(0), first_at: int(0) }), 1000, /^[a-z][a-z0-9_]*$/), () => ({})) }),
  empty: () => ({ items: {} }),
});

export const inventoryTarget = (gameId: string, userId: string) => documentAt(INVENTORY, gameId, 'items', userId);

/**
 * How XP is treated, supplied by the plugins that own seasons and live events (main.ts wires them):
 * every `xp` credit is multiplied by the live multiplier and also credited to the running season's
 * wallet key, in the same transaction as the rest of the grant.
 */
export interface XpPolicy {
  /** The wallet key (plain currency name within the game) collecting the running season's XP; null: none. */
  seasonCurrency(store: Store, gameId: string, now: number): string | null;
  /** The XP multiplier in force (1: none). */
  multiplier(store: Store, gameId: string, now: number): number;
  /** Called after a transaction with XP committed, with each grant's wallet before and after (e.g. tier-up notices). */
  afterCommit(store: Store, grants: Grant[], results: nkruntime.WalletUpdateResult[]): void;
}

/** The economy service: turns grants into wallet updates (ledger metadata, XP policy) and reports commits. */
export interface Economy {
  walletUpdates(store: Store, grants: Grant[], now: number): nkruntime.WalletUpdate[];
  afterCommit(store: Store, grants: Grant[], results: nkruntime.WalletUpdateResult[]): void;
}

/** `onCommit` sees every commit (e.g. analytics); `xp` only those with XP. */
export function createEconomy(xp?: XpPolicy, onCommit?: (store: Store, grants: Grant[], results: nkruntime.WalletUpdateResult[]) => void): Economy {
  return {
    walletUpdates(store, grants, now) {
      return grants.map((grant) => {
        const changeset: nkruntime.Wallet = {};
        const currencies = grant.rewards.currencies || {};
        for (const currency of Object.keys(currencies)) changeset[walletKey(grant.gameId, currency)] = currencies[currency];
        const metadata: { [key: string]: unknown } = { game_id: grant.gameId, reason: grant.reason, source_id: grant.sourceId };
        if (grant.rewards.items && Object.keys(grant.rewards.items).length > 0) metadata.items = grant.rewards.items;
        const base = currencies.xp;
        if (xp && base > 0) {
          const multiplier = grant.exactXp ? 1 : xp.multiplier(store, grant.gameId, now);
          const amount = Math.round(base * multiplier);
          changeset[walletKey(grant.gameId, 'xp')] = amount;
          if (multiplier !== 1) metadata.xp_multiplier = multiplier;
          const season = xp.seasonCurrency(store, grant.gameId, now);
          if (season) changeset[walletKey(grant.gameId, season)] = amount;
        }
        return { userId: grant.userId, changeset, metadata };
      });
    },
    afterCommit(store, grants, results) {
      // Sources and sinks by currency, from what the wallets actually changed (multipliers included).
      for (const r of results) {
        const grant = grants.filter((g) => g.userId === r.userId)[0];
        if (!grant) continue;
        for (const key of Object.keys(r.updated)) {
          const [gameId, currency] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
          const delta = (r.updated[key] || 0) - (r.previous[key] || 0);
          if (delta !== 0 && currency.indexOf(':') < 0) recordCurrency(store.nk, gameId, currency, delta, grant.reason);
        }
      }
      if (xp && grants.some((g) => g.rewards.currencies && g.rewards.currencies.xp)) xp.afterCommit(store, grants, results);
      if (onCommit) onCommit(store, grants, results);
    },
  };
}

/** Grants as wallet updates without an XP policy (no seasons or multipliers): tools and tests. */
export const PLAIN_ECONOMY = createEconomy();

/**
 * The inventory writes that apply the item part of grants: the current documents are read here and
 * written back version-checked, so a concurrent change makes the whole transaction fail and retry.
 */
export function inventoryWritesFor(store: Store, grants: Grant[], now: number): nkruntime.StorageWriteRequest[] {
  const withItems = grants.filter((g) => g.rewards.items && Object.keys(g.rewards.items).length > 0);
  if (withItems.length === 0) return [];
  const targets: { [key: string]: ReturnType<typeof inventoryTarget> } = {};
  for (const g of withItems) targets[`${g.gameId}/${g.userId}`] = inventoryTarget(g.gameId, g.userId);
  const keys = Object.keys(targets);
  const stored = readStored(store, keys.map((k) => targets[k]));
  const docs: { [key: string]: InventoryDocument } = {};
  keys.forEach((k, i) => { docs[k] = stored[i].value || INVENTORY.empty!(); });
  for (const g of withItems) {
    const doc = docs[`${g.gameId}/${g.userId}`];
    for (const id of Object.keys(g.rewards.items!)) {
      const entry = doc.items[id] || { count: 0, first_at: now };
      doc.items[id] = { count: entry.count + g.rewards.items![id], first_at: entry.first_at };
    }
  }
  return keys.map((k, i) => writeOf(targets[k], docs[k], stored[i].version || '*'));
}

/** Problems with rewards for a game (unknown currencies or items, amounts not positive integers), naming `where`. */
export function validateRewards(where: string, rewards: Rewards, game: GameDefinition): string[] {
  const problems: string[] = [];
  if (!rewards || typeof rewards !== 'object') return [`${where}: must be an object {currencies?, items?}`];
  for (const key of Object.keys(rewards)) if (key !== 'currencies' && key !== 'items') problems.push(`${where}.${key}: unknown field (currencies, items)`);
  const currencies = rewards.currencies || {};
  for (const c of Object.keys(currencies)) {
    if (game.currencies.indexOf(c) < 0) problems.push(`${where}.currencies.${c}: not a currency of ${game.name} (${game.currencies.join(', ')})`);
    if (!Number.isInteger(currencies[c]) || currencies[c] <= 0) problems.push(`${where}.currencies.${c}: must be a positive integer`);
  }
  const items = rewards.items || {};
  for (const id of Object.keys(items)) {
    if (!game.items[id]) problems.push(`${where}.items.${id}: not an item of ${game.name}`);
    if (!Number.isInteger(items[id]) || items[id] <= 0) problems.push(`${where}.items.${id}: must be a positive integer`);
  }
  return problems;
}
