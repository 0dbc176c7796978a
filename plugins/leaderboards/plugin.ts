import { runtimeError } from '../../core/errors';
import { perGameProblems, type GameDefinition, type GameRegistry } from '../../core/game-registry';
import type { Plugin } from '../../core/plugin';
import { nakamaBoardId, RESET_CRON, validateBoards, type BoardDefinition } from './boards';
import { describeBoard, readBoard, type View } from './reads';
import { absorbEvents, LEADERBOARD_TOTALS } from './totals';
import { DESCENDING, OPERATOR } from '../../core/nakama-enums';

/** Where the boards live (named in their problems). */
const FILE = 'plugins/leaderboards/definitions.ts';
const BOARD_ID = /^[a-z][a-z0-9_]{0,47}$/;
const VIEW = /^(top|around_me|friends)$/;

/**
 * Per-game leaderboards written only by the server from match events (docs/leaderboards.md): each
 * game's boards are data (definitions.ts); InitModule creates one authoritative Nakama leaderboard
 * per board, `<game_id>:leaderboard:<board id>` (clients write no records: core/api-guards.ts), with
 * Nakama's weekly reset for weekly boards. Events go into the players' totals documents exactly
 * once, and the records mirror those totals (totals.ts).
 */
export function createLeaderboardsPlugin(games: GameRegistry, boards: { [gameId: string]: BoardDefinition[] }): Plugin {
  /** The game's board, or NOT_FOUND (another game's board ids are not this game's). */
  function boardOf(game: GameDefinition, id: string): BoardDefinition {
    const board = (boards[game.id] || []).filter((b) => b.id === id)[0];
    if (!board) throw runtimeError('NOT_FOUND', `${game.name} has no leaderboard ${id} (leaderboards_list lists them)`);
    return board;
  }

  return {
    id: 'leaderboards',
    games: Object.keys(boards).filter((id) => games.find(id)),
    documents: [LEADERBOARD_TOTALS],
    eventBatch: (events, services) => absorbEvents(events, services, boards[services.game.id] || []),
    validate: () => perGameProblems(games, boards, () => FILE, (list, game) => validateBoards(`${FILE} ${game.name}`, list)),
    init({ nk }) {
      // Idempotent by id: a restart changes nothing (and a changed definition does not change an existing board).
      for (const gameId of Object.keys(boards)) {
        for (const b of boards[gameId]) nk.leaderboardCreate(nakamaBoardId(gameId, b.id), true, DESCENDING, OPERATOR.best, RESET_CRON[b.period], { game_id: gameId, board_id: b.id }, true);
      }
    },
    rpcs: [
      {
        id: 'leaderboards_list',
        access: 'player',
        effect: 'read',
        description: "The game's leaderboards: what counts, the period, Nakama's reset schedule and when the running period started and ends (weekly boards reset every Monday 00:00 UTC).",
        response: '{game_id, boards: [{id, name, event, score: count|sum|max, period: weekly|all_time, reset_cron, period_started_at, next_reset_at}]}',
        payload: { game_id: { type: 'uuid', required: true } },
        handle: ({ game }) => ({ game_id: game.id, boards: (boards[game.id] || []).map((b) => describeBoard(b, Date.now())) }),
      },
      {
        id: 'leaderboard_get',
        access: 'player',
        effect: 'read',
        description: "A page of one of the game's leaderboards in its running period: the top (with a cursor for the next page), the records around the caller's, or the caller's Nakama friends and the caller; always with the caller's own record (null before they score).",
        response: '{game_id, board: {id, name, ...as leaderboards_list}, mode, records: [{rank, user_id, username, score}], next_cursor, me: {rank, user_id, username, score} | null}',
        payload: {
          game_id: { type: 'uuid', required: true },
          board_id: { type: 'string', required: true, maxLength: 48, pattern: BOARD_ID },
          mode: { type: 'string', maxLength: 16, pattern: VIEW },
          limit: { type: 'integer', min: 1, max: 100 },
          cursor: { type: 'string', maxLength: 2048 },
        },
        errors: { NOT_FOUND: 'the game has no leaderboard board_id', INVALID_FIELD: 'a cursor with a mode other than top, or a cursor that is not the next_cursor of this board and period' },
        handle({ nk, game, userId, payload }) {
          const board = boardOf(game, payload.board_id);
          const mode = (payload.mode || 'top') as View;
          const cursor = (payload.cursor as string) || '';
          if (cursor && mode !== 'top') throw runtimeError('INVALID_FIELD', 'cursor: only the top pages (mode top)');
          const read = readBoard(nk, game.id, board, userId, mode, (payload.limit as number) || 20, cursor);
          return { game_id: game.id, board: describeBoard(board, Date.now()), mode, ...read };
        },
      },
    ],
  };
}
