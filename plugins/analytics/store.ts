import type { Migration } from '../../core/migrations';

/**
 * The analytics table and every statement on it (always parameterised). Times cross as ms since the
 * epoch (the module's clock: SQL's now() is never used, so the harness's clock and tests hold).
 */
export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'analytics_events',
    sql: `CREATE TABLE IF NOT EXISTS analytics_events (
  id bigserial PRIMARY KEY,
  game_id uuid NOT NULL,
  user_id uuid,
  session_id text NOT NULL DEFAULT '',
  name text NOT NULL,
  properties jsonb NOT NULL DEFAULT '{}'::jsonb,
  server_time timestamptz NOT NULL,
  client_time timestamptz,
  match_id text,
  experiments jsonb NOT NULL DEFAULT '{}'::jsonb,
  source text NOT NULL CHECK (source IN ('client', 'server')),
  dedupe_key text NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS analytics_events_dedupe ON analytics_events (game_id, dedupe_key);
CREATE INDEX IF NOT EXISTS analytics_events_user ON analytics_events (game_id, user_id, id DESC);
CREATE INDEX IF NOT EXISTS analytics_events_name_time ON analytics_events (game_id, name, server_time);
CREATE INDEX IF NOT EXISTS analytics_events_time ON analytics_events (server_time);
CREATE INDEX IF NOT EXISTS analytics_events_experiments ON analytics_events USING gin (experiments);
CREATE INDEX IF NOT EXISTS analytics_events_match ON analytics_events (match_id) WHERE match_id IS NOT NULL`,
  },
];

/** One row to store. */
export interface EventRow {
  gameId: string;
  /** null for match-level events (match_started, match_ended). */
  userId: string | null;
  sessionId: string;
  name: string;
  properties: { [key: string]: unknown };
  serverTime: number;
  clientTime: number | null;
  matchId: string | null;
  /** experiment id -> cohort of the player's running exposures. */
  experiments: { [experimentId: string]: string };
  source: 'client' | 'server';
  /** Unique per game: a repeated row (a retried batch, a redelivered match event) is stored once. */
  dedupeKey: string;
}

/** Rows per INSERT statement (the spec's batch size). */
export const ROWS_PER_INSERT = 100;
/**
 * One INSERT of many rows, its rows in one JSON parameter: the statement's text never changes, so
 * Nakama's pgx prepares it once per connection, where a VALUES list of 1,100 parameters is parsed
 * and planned on every call (3.4 ms against 10 ms for 100 rows on this machine).
 */
const INSERT = `INSERT INTO analytics_events (game_id, user_id, session_id, name, properties, server_time, client_time, match_id, experiments, source, dedupe_key)
  SELECT r.game_id, r.user_id, r.session_id, r.name, r.properties, to_timestamp(r.server_ms / 1000.0), to_timestamp(r.client_ms / 1000.0), r.match_id, r.experiments, r.source, r.dedupe_key
  FROM jsonb_to_recordset($1::jsonb) AS r(game_id uuid, user_id uuid, session_id text, name text, properties jsonb, server_ms bigint, client_ms bigint, match_id text, experiments jsonb, source text, dedupe_key text)
  ON CONFLICT (game_id, dedupe_key) DO NOTHING`;

/** Store rows with one multi-row INSERT per 100 (each all or nothing); returns how many were new. */
export function insertEvents(nk: nkruntime.Nakama, rows: EventRow[]): number {
  let inserted = 0;
  for (let from = 0; from < rows.length; from += ROWS_PER_INSERT) {
    const chunk = rows.slice(from, from + ROWS_PER_INSERT).map((r) => ({
      game_id: r.gameId, user_id: r.userId, session_id: r.sessionId, name: r.name, properties: r.properties, server_ms: r.serverTime,
      client_ms: r.clientTime, match_id: r.matchId, experiments: r.experiments, source: r.source, dedupe_key: r.dedupeKey,
    }));
    inserted += nk.sqlExec(INSERT, [JSON.stringify(chunk)]).rowsAffected;
  }
  return inserted;
}

/** A stored event as the RPCs return it. */
export interface StoredEvent {
  id: string; name: string; user_id: string | null; session_id: string; properties: unknown; server_time: number; client_time: number | null;
  match_id: string | null; experiments: { [experimentId: string]: string }; source: string;
}

const SELECT_EVENT = `SELECT id, name, user_id::text AS user_id, session_id, properties::text AS properties,
  (extract(epoch FROM server_time) * 1000)::bigint AS server_time, (extract(epoch FROM client_time) * 1000)::bigint AS client_time,
  match_id, experiments::text AS experiments, source FROM analytics_events`;

function eventOf(row: { [column: string]: unknown }): StoredEvent {
  return {
    id: String(row.id), name: row.name as string, user_id: row.user_id as string | null, session_id: row.session_id as string,
    properties: JSON.parse(row.properties as string), server_time: row.server_time as number, client_time: row.client_time as number | null,
    match_id: row.match_id as string | null, experiments: JSON.parse(row.experiments as string), source: row.source as string,
  };
}

export interface UserEventsQuery { gameId: string; userId: string; name?: string; since?: number; until?: number; limit: number; beforeId?: number }

/** A user's events, newest first, paginated by id (the cursor is the last id returned). */
export function userEvents(nk: nkruntime.Nakama, q: UserEventsQuery): StoredEvent[] {
  const params: unknown[] = [q.gameId, q.userId];
  const where = ['game_id = $1::uuid', 'user_id = $2::uuid'];
  if (q.name !== undefined) { params.push(q.name); where.push(`name = $${params.length}`); }
  if (q.since !== undefined) { params.push(q.since); where.push(`server_time >= to_timestamp($${params.length}::bigint / 1000.0)`); }
  if (q.until !== undefined) { params.push(q.until); where.push(`server_time < to_timestamp($${params.length}::bigint / 1000.0)`); }
  if (q.beforeId !== undefined) { params.push(q.beforeId); where.push(`id < $${params.length}::bigint`); }
  params.push(q.limit);
  return nk.sqlQuery(`${SELECT_EVENT} WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT $${params.length}::int`, params).map(eventOf);
}

export interface DayCount { day: string; name: string; events: number; players: number }

/** Events and distinct players per UTC day and event name in [since, until). */
export function dailyCounts(nk: nkruntime.Nakama, gameId: string, since: number, until: number): DayCount[] {
  return nk.sqlQuery(`SELECT to_char(server_time AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, name, count(*) AS events, count(DISTINCT user_id) AS players
    FROM analytics_events WHERE game_id = $1::uuid AND server_time >= to_timestamp($2::bigint / 1000.0) AND server_time < to_timestamp($3::bigint / 1000.0)
    GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 10000`, [gameId, since, until]) as unknown as DayCount[];
}

export interface CohortCount { cohort: string; name: string; events: number; players: number }

/** Events and distinct players per cohort of an experiment and event name in [since, until) (optionally one name). */
export function cohortCounts(nk: nkruntime.Nakama, gameId: string, experimentId: string, since: number, until: number, name?: string): CohortCount[] {
  const params: unknown[] = [gameId, experimentId, since, until];
  const byName = name !== undefined ? (params.push(name), `AND name = $${params.length}`) : '';
  return nk.sqlQuery(`SELECT experiments ->> $2 AS cohort, name, count(*) AS events, count(DISTINCT user_id) AS players
    FROM analytics_events WHERE game_id = $1::uuid AND experiments ? $2 AND server_time >= to_timestamp($3::bigint / 1000.0) AND server_time < to_timestamp($4::bigint / 1000.0) ${byName}
    GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 10000`, params) as unknown as CohortCount[];
}

/** Delete the game's events stored before `before` (ms); returns how many. */
export function deleteBefore(nk: nkruntime.Nakama, gameId: string, before: number): number {
  return nk.sqlExec('DELETE FROM analytics_events WHERE game_id = $1::uuid AND server_time < to_timestamp($2::bigint / 1000.0)', [gameId, before]).rowsAffected;
}
