/**
 * The module's own SQL tables (docs/live-ops-data.md): plugins declare versioned migrations and
 * InitModule applies the pending ones in version order through nk.sqlExec, before any RPC or match
 * runs. The versions applied are recorded in `live_games_schema` (version, name, applied_at ms).
 *
 * Safe when several nodes start at once: each migration runs as one multi-statement call (PostgreSQL
 * runs it in one implicit transaction) that first takes a transaction-scoped advisory lock, so they
 * run one at a time; every statement is idempotent (IF NOT EXISTS), and the version row is inserted
 * ON CONFLICT DO NOTHING, so a node that ran it second changes nothing. A failing migration rolls
 * back whole and the module refuses to start, naming it.
 *
 * A migration's SQL is a constant of the module (no input reaches it); everything at runtime is
 * parameterised.
 */
export interface Migration {
  /** Unique across the module; applied in ascending order. */
  version: number;
  /** snake_case, for the record and the logs. */
  name: string;
  /** Idempotent statements (CREATE ... IF NOT EXISTS), separated by semicolons, no parameters. */
  sql: string;
}

export const SCHEMA_TABLE = 'live_games_schema';
/** The advisory lock every migration holds (an arbitrary constant of this module). */
const LOCK = 7310042;
const NAME = /^[a-z][a-z0-9_]*$/;

export function migrationProblems(migrations: Migration[]): string[] {
  const problems: string[] = [];
  const seen: { [version: number]: string } = {};
  for (const m of migrations) {
    const where = `migration ${m.version} ${m.name}`;
    if (!Number.isInteger(m.version) || m.version < 1) problems.push(`${where}: version must be a positive integer`);
    if (!NAME.test(m.name)) problems.push(`${where}: name must be snake_case`);
    if (seen[m.version]) problems.push(`${where}: version also used by ${seen[m.version]}`);
    seen[m.version] = m.name;
  }
  return problems;
}

/** Apply the pending migrations; returns the schema version (the highest applied). */
export function migrate(nk: nkruntime.Nakama, logger: nkruntime.Logger, migrations: Migration[], now: number): number {
  nk.sqlExec(`SELECT pg_advisory_xact_lock(${LOCK}); CREATE TABLE IF NOT EXISTS ${SCHEMA_TABLE} (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)`);
  const applied = nk.sqlQuery(`SELECT version FROM ${SCHEMA_TABLE}`).map((r) => r.version as number);
  const pending = migrations.filter((m) => applied.indexOf(m.version) < 0).sort((a, b) => a.version - b.version);
  for (const m of pending) {
    const started = Date.now();
    try {
      nk.sqlExec(`SELECT pg_advisory_xact_lock(${LOCK}); ${m.sql}; INSERT INTO ${SCHEMA_TABLE} (version, name, applied_at) VALUES (${m.version}, '${m.name}', ${now}) ON CONFLICT (version) DO NOTHING`);
    } catch (error) {
      throw new Error(`migration ${m.version} ${m.name} failed (rolled back): ${error instanceof Error ? error.message : String(error)}`);
    }
    logger.info('migration %d %s applied in %d ms', m.version, m.name, Date.now() - started);
  }
  return schemaVersion(nk);
}

/** The highest migration version applied (0: none). */
export function schemaVersion(nk: nkruntime.Nakama): number {
  const [row] = nk.sqlQuery(`SELECT coalesce(max(version), 0) AS version FROM ${SCHEMA_TABLE}`);
  return row ? (row.version as number) : 0;
}
