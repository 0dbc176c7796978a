import type { WideningStep } from '../../core/game-registry';

/**
 * Widening search. Nakama's matchmaker has no JavaScript override, so the server widens by rewriting
 * ticket queries: a ticket's query allows ratings within `range` of the player's server rating, and the
 * range is looked up from how long the player has been searching, measured by the server (the start of
 * the search is stored when it begins). Clients re-submit their ticket every RESUBMIT_SECONDS; the
 * MatchmakerAdd hook computes the query each time, so no client can widen its own search early.
 * Why re-submit at all: Nakama's matchmaker searches with a ticket only in the first pass after it is
 * added when its min and max count are equal, else for `max_intervals` passes
 * (server/matchmaker_process.go, `lastInterval`); afterwards the ticket only waits to be found by
 * other tickets' searches. A re-submitted ticket searches again, with the range of its waiting time.
 */

/** How often a searching client removes and re-adds its ticket (the find_match response says so too). */
export const RESUBMIT_SECONDS = 15;

/** The schedule the product spec names: +/-100 at first, +/-200 after 30 s, +/-400 after 60 s, anyone after 90 s. */
export const DEFAULT_WIDENING: WideningStep[] = [
  { afterSeconds: 0, range: 100 },
  { afterSeconds: 30, range: 200 },
  { afterSeconds: 60, range: 400 },
  { afterSeconds: 90, range: null },
];

/** The step in force after searching `waitedMs`, and when the next one starts (null after the last). */
export function stepAt(schedule: WideningStep[], waitedMs: number): { step: WideningStep; index: number; nextAfterSeconds: number | null } {
  let index = 0;
  while (index + 1 < schedule.length && schedule[index + 1].afterSeconds * 1000 <= waitedMs) index++;
  const next = schedule[index + 1];
  return { step: schedule[index], index, nextAfterSeconds: next ? next.afterSeconds : null };
}

/**
 * The ticket query for a player of `skill` searching a game mode with a rating `range` (null: anyone).
 * Every clause is required (+), so a ticket only matches the same game and mode within the range.
 */
export function ticketQuery(slug: string, mode: string, skill: number, range: number | null): string {
  const base = `+properties.game:${slug} +properties.mode:${mode}`;
  if (range === null) return base;
  return `${base} +properties.skill:>=${Math.max(0, skill - range)} +properties.skill:<=${skill + range}`;
}
