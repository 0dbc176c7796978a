import { applyOnce, type OnceDocument } from '../../core/apply-once';
import type { Grant } from '../../core/economy';
import type { DomainEvent } from '../../core/events';
import type { GameDefinition } from '../../core/game-registry';
import type { Plugin, Services } from '../../core/plugin';
import { gameCollection } from '../../core/scope';
import { validateDefinitions, type AchievementDefinition } from './definitions';

/** A player's achievements in one game (storage: `<game_id>:achievements` / `progress`). */
export interface AchievementsDocument extends OnceDocument {
  /** Achievement id -> progress; unlockedAt (ms) once unlocked. */
  achievements: { [id: string]: { progress: number; unlockedAt?: number } };
}

/** An achievement as a menu shows it. */
export interface AchievementView {
  id: string;
  name: string;
  description: string;
  progress: number;
  target: number;
  unlocked: boolean;
  unlocked_at: number | null;
  rewards: { [currency: string]: number };
}

/** Notification code of an unlock (codes > 0 are ours; see docs). */
export const NOTIFY_ACHIEVEMENT_UNLOCKED = 100;

export interface AchievementsPlugin extends Plugin {
  /** The player's achievements in the game, for menus. */
  list(nk: nkruntime.Nakama, game: GameDefinition, userId: string): AchievementView[];
}

/** Achievements: counts domain events per definition and credits rewards once, on unlock. */
export function createAchievementsPlugin(definitions: { [gameId: string]: { file: string; list: AchievementDefinition[] } }, games: GameDefinition[]): AchievementsPlugin {
  const target = (gameId: string, userId: string) => ({ collection: gameCollection(gameId, 'achievements'), key: 'progress', userId });
  const empty = (): AchievementsDocument => ({ achievements: {}, processed: [] });

  function onEvent(event: DomainEvent, { nk, logger }: Services): void {
    const matching = (definitions[event.gameId]?.list || []).filter((d) => d.event === event.type);
    if (matching.length === 0) return;
    const unlocked: AchievementDefinition[] = [];
    const applied = applyOnce(nk, [target(event.gameId, event.userId)], event.id, empty, ([doc]) => {
      const grants: Grant[] = [];
      let changed = false;
      for (const d of matching) {
        const entry = doc.achievements[d.id] || { progress: 0 };
        if (entry.unlockedAt) continue;
        entry.progress += 1;
        changed = true;
        if (entry.progress >= d.target) {
          entry.unlockedAt = Date.now();
          unlocked.push(d);
          grants.push({ userId: event.userId, gameId: event.gameId, rewards: d.rewards, reason: `achievement:${d.id}`, sourceId: `${event.id}/${d.id}` });
        }
        doc.achievements[d.id] = entry;
      }
      return changed ? { values: [doc], grants } : null;
    });
    if (!applied) return;
    for (const d of unlocked) {
      logger.info('achievement %s unlocked by %s (event %s)', d.id, event.userId, event.id);
      nk.notificationSend(event.userId, `Achievement unlocked: ${d.name}`, { game_id: event.gameId, achievement_id: d.id, rewards: d.rewards }, NOTIFY_ACHIEVEMENT_UNLOCKED, null, true);
    }
  }

  const eventTypes: { [type: string]: typeof onEvent } = {};
  for (const gameId of Object.keys(definitions)) for (const d of definitions[gameId].list) eventTypes[d.event] = onEvent;

  return {
    id: 'achievements',
    games: Object.keys(definitions),
    events: eventTypes,
    validate() {
      const problems: string[] = [];
      for (const gameId of Object.keys(definitions)) {
        const game = games.filter((g) => g.id === gameId)[0];
        if (!game) problems.push(`${definitions[gameId].file}: unknown game ${gameId}`);
        else problems.push(...validateDefinitions(definitions[gameId].file, definitions[gameId].list, game.currencies));
      }
      return problems;
    },
    list(nk, game, userId) {
      const [stored] = nk.storageRead([target(game.id, userId)]);
      const doc = stored ? (stored.value as unknown as AchievementsDocument) : empty();
      return (definitions[game.id]?.list || []).map((d) => {
        const entry = doc.achievements[d.id] || { progress: 0 };
        return {
          id: d.id, name: d.name, description: d.description, progress: entry.progress, target: d.target,
          unlocked: !!entry.unlockedAt, unlocked_at: entry.unlockedAt || null, rewards: d.rewards,
        };
      });
    },
  };
}
