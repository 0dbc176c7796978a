import { runtimeError } from '../../core/errors';
import type { GameRegistry } from '../../core/game-registry';
import type { Plugin } from '../../core/plugin';
import { readRecord, RECORD_DOCUMENTS } from '../../matches/shared/match-record';

/** Admin access to match records, for QA replays (`npm run replay -- <match id>`). */
export function createMatchRecordsPlugin(games: GameRegistry): Plugin {
  return {
    id: 'match_records',
    games: games.games.map((g) => g.id),
    documents: RECORD_DOCUMENTS,
    rpcs: [
      {
        id: 'match_record_get',
        scope: 'global',
        access: 'admin',
        effect: 'read',
        description: 'The full record of a finished (or terminated) match: params, seed, players, input log by tick, events and the final state hash.',
        response: '{match_id, module, game_id, mode, seed, params, players, ending, end_tick, settled_tick, chunks, final_state_hash, loop_ms: {ticks, mean, p50, p99, max, max_tick, max_deliver, deliver, events, end_deliver, handed}, log: [{tick, join|leave|messages}], events: [...]}',
        payload: { match_id: { type: 'string', required: true, maxLength: 128, pattern: /^[0-9a-f-]{36}\.[A-Za-z0-9_.-]*$/ } },
        errors: { NOT_FOUND: 'no record for that match (yet)' },
        handle(call) {
          const { payload } = call;
          const record = readRecord(call, payload.match_id);
          if (!record) throw runtimeError('NOT_FOUND', `no record for match ${payload.match_id} (records are stored when a match ends)`);
          return record;
        },
      },
    ],
  };
}
