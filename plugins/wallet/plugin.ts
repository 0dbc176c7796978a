import { runtimeError } from '../../core/errors';
import type { GameDefinition, GameRegistry } from '../../core/game-registry';
import type { Plugin } from '../../core/plugin';
import { subjectOf } from '../../core/rpc';
import { gameWallet, walletKey } from '../../core/scope';

/** Ledger pages read at most per wallet_history call (entries of other games are skipped). */
const MAX_PAGES = 10;

/** One entry of a player's ledger in one game. */
export interface LedgerEntry {
  id: string;
  /** Changes by plain currency name (negative: spent). */
  changes: { [currency: string]: number };
  /** Items granted with it (economy grants record them in the ledger metadata). */
  items?: { [itemId: string]: number };
  reason: string;
  source_id: string;
  /** When (ms since the epoch). */
  at: number;
}

/** The ledger entry as this game's menus show it, or null when it changed none of the game's currencies. */
function entryOf(game: GameDefinition, item: nkruntime.WalletLedgerResult): LedgerEntry | null {
  const meta = item.metadata || {};
  if (meta.game_id !== game.id) return null;
  const changes: { [currency: string]: number } = {};
  for (const c of game.currencies) if (item.changeset[walletKey(game.id, c)]) changes[c] = item.changeset[walletKey(game.id, c)];
  const entry: LedgerEntry = { id: item.id, changes, reason: String(meta.reason || ''), source_id: String(meta.source_id || ''), at: item.createTime * 1000 };
  if (meta.items && typeof meta.items === 'object') entry.items = meta.items as { [itemId: string]: number };
  return entry;
}

/** One page of Nakama's ledger; a cursor the client sent that Nakama cannot read is INVALID_FIELD. */
function ledgerPage(nk: nkruntime.Nakama, userId: string, limit: number, cursor: string | undefined, fromClient: boolean): nkruntime.WalletLedgerList {
  try {
    return nk.walletLedgerList(userId, limit, cursor);
  } catch (error) {
    if (fromClient && /cursor/i.test(String((error as { message?: string }).message || error))) throw runtimeError('INVALID_FIELD', 'cursor: not a cursor wallet_history returned');
    throw error;
  }
}

/** Wallet reads for menus: the balances of one game, and its ledger (every credit and debit with its reason). */
export function createWalletPlugin(games: GameRegistry): Plugin {
  const USER = { type: 'user' } as const;
  return {
    id: 'wallet',
    games: games.games.map((g) => g.id),
    rpcs: [
      {
        id: 'wallet_get',
        access: 'any',
        effect: 'read',
        description: "The caller's balances in the game's currencies (admins and the http key: any player's, by user_id).",
        response: '{game_id, user_id, balances: {<currency>: number}}',
        payload: { game_id: { type: 'uuid', required: true }, user_id: USER },
        errors: { INVALID_FIELD: "a player named another player's user_id" },
        handle(call) {
          const of = subjectOf(call);
          return { game_id: call.game.id, user_id: of, balances: gameWallet(call.nk.accountGetId(of).wallet || {}, call.game.id, call.game.currencies) };
        },
      },
      {
        id: 'wallet_history',
        access: 'any',
        effect: 'read',
        description: "The caller's wallet ledger in the game, newest first: each credit and debit with its currencies, items, reason and source (admins: any player's, by user_id). Pass cursor back for the next page; a page may hold fewer than limit entries (the ledger is shared by the games), and cursor is null at the end.",
        response: '{game_id, user_id, entries: [{id, changes: {<currency>: number}, items?, reason, source_id, at}], cursor}',
        payload: { game_id: { type: 'uuid', required: true }, user_id: USER, limit: { type: 'integer', min: 1, max: 100 }, cursor: { type: 'string', maxLength: 512 } },
        errors: { INVALID_FIELD: "a player named another player's user_id" },
        handle(call) {
          const { nk, game, payload } = call;
          const of = subjectOf(call);
          const limit = (payload.limit as number) || 20;
          const entries: LedgerEntry[] = [];
          let cursor: string | undefined = (payload.cursor as string) || undefined;
          // Never ask for more than are missing, so a page is consumed whole and the cursor loses nothing.
          for (let page = 0; page < MAX_PAGES && entries.length < limit; page++) {
            const list = ledgerPage(nk, of, limit - entries.length, cursor, page === 0 && cursor !== undefined);
            for (const item of list.items || []) {
              const entry = entryOf(game, item);
              if (entry) entries.push(entry);
            }
            cursor = list.cursor || undefined;
            if (!cursor) break;
          }
          return { game_id: game.id, user_id: of, entries, cursor: cursor || null };
        },
      },
    ],
  };
}
