import { applyOnceAll, PROCESSED, type OnceDocument, type OnceUnit } from '../../core/apply-once';
import { defineDocument, documentAt, readStored, type DocumentKind } from '../../core/documents';
import type { DomainEvent } from '../../core/events';
import { counts } from '../../core/requirements';
import type { Services } from '../../core/plugin';
import { dict, int, obj, withDefault } from '../../core/shape';
import { absorb, MAX_SCORE, nakamaBoardId, periodStart, type BoardDefinition, type Total } from './boards';
import { OVERRIDE } from '../../core/nakama-enums';

/**
 * `<game_id>:leaderboard_totals` / `totals`: a player's score on each board of the game, with the
 * period it belongs to (server-written). The Nakama records are written from it, never the other way.
 */
export interface TotalsDocument extends OnceDocument {
  boards: { [boardId: string]: Total };
}

export const LEADERBOARD_TOTALS = defineDocument<TotalsDocument>({
  name: 'leaderboard_totals',
  owner: 'player',
  shape: obj({
    boards: withDefault(dict(obj({ period: int(0), score: int(0, MAX_SCORE) }), 50, /^[a-z][a-z0-9_]*$/), () => ({})),
    processed: PROCESSED,
  }) as DocumentKind<TotalsDocument>['shape'],
  empty: () => ({ boards: {}, processed: [] }),
});

export const totalsTarget = (gameId: string, userId: string) => documentAt(LEADERBOARD_TOTALS, gameId, 'totals', userId);

/**
 * Absorb a delivery's events (many players) into the players' totals documents in ONE transaction,
 * each event exactly once (applyOnceAll: the document records the event id), then write every
 * touched board's record from the committed totals.
 *
 * Why this is exactly once although Nakama's leaderboard writes are outside nk.multiUpdate: the
 * document is the truth and the record only mirrors it. The record write uses operator `best` with
 * the document's total: repeating it changes nothing, a late or out-of-order write (two matches of
 * a player ending at once) cannot lower a newer total, and a redelivered event, which the document
 * skips, still rewrites the record from it. So a write that failed after the commit is healed by
 * the host's retry of the delivery; one lost to a crash between the commit and the write, by the
 * player's next counted event on that board.
 */
export function absorbEvents(events: DomainEvent[], services: Services, boards: BoardDefinition[]): void {
  const { game } = services;
  const now = Date.now();
  const units: OnceUnit<TotalsDocument>[] = [];
  const touched: { [userId: string]: BoardDefinition[] } = {};
  for (const event of events) {
    const mine = event.userId ? boards.filter((b) => counts(b.counter, event.type, event.data)) : [];
    if (mine.length === 0) continue;
    const seen = (touched[event.userId] = touched[event.userId] || []);
    for (const b of mine) if (seen.indexOf(b) < 0) seen.push(b);
    units.push({
      targets: [totalsTarget(game.id, event.userId)],
      eventId: event.id,
      change: ([doc]) => {
        let changed = false;
        for (const b of mine) {
          const next = absorb(b, doc.boards[b.id], event.type, event.data, now);
          if (!next) continue;
          doc.boards[b.id] = next;
          changed = true;
        }
        return changed ? { values: [doc], grants: [] } : null;
      },
    });
  }
  if (units.length === 0) return;
  applyOnceAll(services, units);
  writeRecords(services, touched);
}

/** Mirror the committed totals of the touched boards into the Nakama records (one read, then a write per record). */
function writeRecords(services: Services, touched: { [userId: string]: BoardDefinition[] }): void {
  const { nk, game } = services;
  const userIds = Object.keys(touched);
  const docs = readStored(services, userIds.map((u) => totalsTarget(game.id, u)));
  const usernames: { [userId: string]: string } = {};
  for (const u of nk.usersGetId(userIds)) usernames[u.userId] = u.username;
  // Read after the commit: a total of a period that has ended since (an event just before Monday
  // 00:00 UTC) is not written, or it would land in the new week's record.
  const now = Date.now();
  userIds.forEach((userId, i) => {
    const doc = docs[i].value;
    if (!doc) return;
    for (const b of touched[userId]) {
      const total = doc.boards[b.id];
      if (!total || total.period !== periodStart(b.period, now)) continue;
      nk.leaderboardRecordWrite(nakamaBoardId(game.id, b.id), userId, usernames[userId], total.score, 0, undefined, OVERRIDE.best);
    }
  });
}
