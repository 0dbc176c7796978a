import { cronNext, cronPrevious, parseCron } from './cron';
import type { LiveEventDefinition } from './definitions';

/**
 * One run of an event: a one-off event has one, a recurring event one per cron match. Progress,
 * the community counter, the leaderboard and the announcements are all per occurrence.
 */
export interface Occurrence {
  /** `<event id>@<start ms>`. */
  id: string;
  event: LiveEventDefinition;
  starts_at: number;
  ends_at: number;
}

const occurrenceId = (event: LiveEventDefinition, start: number) => `${event.id}@${start}`;

/** The occurrence starting at `start`: it runs for the duration, cut short by the next one or by the event's end. */
function occurrenceAt(event: LiveEventDefinition, start: number): Occurrence {
  if (!event.recurrence) return { id: occurrenceId(event, start), event, starts_at: start, ends_at: event.ends_at };
  const cron = parseCron(event.recurrence.cron);
  const next = cronNext(cron, start, event.ends_at);
  const ends = Math.min(start + event.recurrence.duration_seconds * 1000, next === null ? event.ends_at : next, event.ends_at);
  return { id: occurrenceId(event, start), event, starts_at: start, ends_at: ends };
}

/** The latest occurrence start at or before `at` (null: none yet). */
function startBefore(event: LiveEventDefinition, at: number): number | null {
  if (!event.recurrence) return event.starts_at <= at ? event.starts_at : null;
  return cronPrevious(parseCron(event.recurrence.cron), Math.min(at, event.ends_at - 1), event.starts_at);
}

/** The occurrence running at `now`, or null. */
export function activeOccurrence(event: LiveEventDefinition, now: number): Occurrence | null {
  const start = startBefore(event, now);
  if (start === null) return null;
  const o = occurrenceAt(event, start);
  return now < o.ends_at ? o : null;
}

/** The most recent occurrence that has ended by `now` (and ran for some time), or null. */
export function lastEndedOccurrence(event: LiveEventDefinition, now: number): Occurrence | null {
  let start = startBefore(event, now);
  for (let i = 0; i < 2 && start !== null; i++) {
    const o = occurrenceAt(event, start);
    if (o.ends_at <= now) return o.ends_at > o.starts_at ? o : null;
    start = startBefore(event, start - 1);
  }
  return null;
}

/** The next occurrence starting after `now`, or null. */
export function nextOccurrence(event: LiveEventDefinition, now: number): Occurrence | null {
  if (!event.recurrence) return event.starts_at > now ? occurrenceAt(event, event.starts_at) : null;
  const start = cronNext(parseCron(event.recurrence.cron), Math.max(now, event.starts_at - 1), event.ends_at - 1);
  return start === null ? null : occurrenceAt(event, start);
}

/**
 * An occurrence by id `<event id>@<start ms>` (null when the event never had or will have it), or by
 * plain event id: the running occurrence, else the last ended one.
 */
export function findOccurrence(events: LiveEventDefinition[], id: string, now: number): Occurrence | null {
  const [eventId, startText] = id.split('@');
  const event = events.filter((e) => e.id === eventId)[0];
  if (!event) return null;
  if (startText === undefined) return activeOccurrence(event, now) || lastEndedOccurrence(event, now);
  const start = Number(startText);
  if (!Number.isInteger(start) || start < event.starts_at || start >= event.ends_at) return null;
  if (event.recurrence ? startBefore(event, start) !== start : start !== event.starts_at) return null;
  const o = occurrenceAt(event, start);
  return o.ends_at > o.starts_at ? o : null;
}
