/**
 * Per-game namespacing. Every storage collection and wallet currency of a game carries its id, so
 * one game's calls can never address another game's data.
 */

/** Nakama's system user (the nil UUID): owner of server data; every Nakama database has it. */
export const SYSTEM_USER = '00000000-0000-0000-0000-000000000000';

/** Storage collection of a feature within a game, e.g. `<game_id>:achievements`. */
export function gameCollection(gameId: string, feature: string): string {
  return `${gameId}:${feature}`;
}

/** Wallet key of a game's currency, e.g. `<game_id>:coins`. */
export function walletKey(gameId: string, currency: string): string {
  return `${gameId}:${currency}`;
}

/** The part of a Nakama wallet that belongs to one game, keyed by plain currency names. */
export function gameWallet(wallet: { [key: string]: number }, gameId: string, currencies: string[]): { [currency: string]: number } {
  const result: { [currency: string]: number } = {};
  for (const currency of currencies) result[currency] = wallet[walletKey(gameId, currency)] || 0;
  return result;
}
