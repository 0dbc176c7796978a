/**
 * The composition root: which games, matches and plugins this server module serves. Adding a game
 * or a plugin means adding it here and in its own folder; no core file changes. The build generates
 * Nakama's InitModule and global handler functions from MODULE's manifest (tools/registrations.js).
 */
import { createApiGuards } from './core/api-guards';
import { createEconomy } from './core/economy';
import { createGameRegistry } from './core/game-registry';
import { defineModule } from './core/module';
import { createPluginHost } from './core/plugin-host';
import { LASTTOLIVE } from './matches/br/game-lasttolive';
import { BR_RULES } from './matches/br/rules';
import { QUIZVERSE, validateQuizSettings } from './matches/quiz/game-quizverse';
import { createDeliveryWorker, DELIVERY_WORKER } from './matches/shared/delivery-worker';
import { createMatchHandler } from './matches/shared/match-adapter';
import { validateQuestionFiles } from './matches/quiz/question-bank';
import { QUIZ_RULES } from './matches/quiz/rules';
import { LASTTOLIVE_ACHIEVEMENTS } from './plugins/achievements/definitions/lasttolive';
import { QUIZVERSE_ACHIEVEMENTS } from './plugins/achievements/definitions/quizverse';
import { createAchievementsPlugin } from './plugins/achievements/plugin';
import { CATALOGUES } from './plugins/analytics/catalogues';
import { createAnalyticsPlugin } from './plugins/analytics/plugin';
import { createBatchPlugin } from './plugins/batch/plugin';
import { createCachePlugin } from './plugins/cache/plugin';
import { MISSION_POOLS } from './plugins/daily-missions/pools';
import { createDailyMissionsPlugin } from './plugins/daily-missions/plugin';
import { LOGIN_CALENDARS } from './plugins/daily-rewards/calendars';
import { createDailyRewardsPlugin } from './plugins/daily-rewards/plugin';
import { createCloudSavePlugin } from './plugins/cloud-save/plugin';
import { createExperimentsPlugin } from './plugins/experiments/plugin';
import { EMPTY_LOOP, EMPTY_LOOP_HANDLER, createFloorPlugin } from './plugins/floor/plugin';
import { createHealthPlugin } from './plugins/health/plugin';
import { createMatchRecordsPlugin } from './plugins/match-records/plugin';
import { createMatchmakerHooks } from './plugins/matchmaking/hooks';
import { createMatchmakingPlugin } from './plugins/matchmaking/plugin';
import { createModerationHooks } from './plugins/moderation/hooks';
import { BLOCKED_WORDS } from './plugins/moderation/words';
import { createPlatformPlugin } from './plugins/platform/plugin';
import { REMOTE_CONFIG_DEFAULTS } from './plugins/remote-config/defaults';
import { createRemoteConfigPlugin } from './plugins/remote-config/plugin';
import { createPlayerPlugin } from './plugins/player/plugin';
import { LASTTOLIVE_QUESTS } from './plugins/quests/definitions/lasttolive';
import { QUIZVERSE_QUESTS } from './plugins/quests/definitions/quizverse';
import { createQuestsPlugin } from './plugins/quests/plugin';
import { createRatingsPlugin } from './plugins/ratings/plugin';
import { createRewardInboxPlugin } from './plugins/reward-inbox/plugin';
import { createSeasonPassPlugin } from './plugins/season-pass/plugin';
import { BOARDS } from './plugins/leaderboards/definitions';
import { createLeaderboardsPlugin } from './plugins/leaderboards/plugin';
import { createLiveEventsPlugin } from './plugins/live-events/plugin';
import { createTournamentsPlugin } from './plugins/tournaments/plugin';
import { brPlacementAndKills, quizMatchScore } from './plugins/tournaments/scoring';
import { createWalletPlugin } from './plugins/wallet/plugin';

const games = createGameRegistry([QUIZVERSE, LASTTOLIVE]);

const achievements = createAchievementsPlugin({
  [QUIZVERSE.id]: { file: 'plugins/achievements/definitions/quizverse.ts', list: QUIZVERSE_ACHIEVEMENTS },
  [LASTTOLIVE.id]: { file: 'plugins/achievements/definitions/lasttolive.ts', list: LASTTOLIVE_ACHIEVEMENTS },
}, games);
const ratings = createRatingsPlugin(games);
const seasonPass = createSeasonPassPlugin(games);
const liveEvents = createLiveEventsPlugin(games);
// Analytics logs each first exposure; it stamps every event with the player's cohorts.
const experiments = createExperimentsPlugin(games, (...exposure) => analytics.recordExposure(...exposure));
const analytics = createAnalyticsPlugin(games, CATALOGUES, experiments);
// Leaderboard tournament scores, per game, from the matches the server ran (docs/tournaments.md).
const tournaments = createTournamentsPlugin(games, { [QUIZVERSE.id]: quizMatchScore, [LASTTOLIVE.id]: brPlacementAndKills },
  (store, game, mode, userId) => ratings.ratingOf(store, game, mode, userId).rating);
// XP: every xp reward is multiplied by the live events running and also counts for the running season.
const economy = createEconomy({
  seasonCurrency: seasonPass.seasonCurrency,
  multiplier: liveEvents.xpMultiplier,
  afterCommit: seasonPass.afterCommit,
}, (store, grants, results) => analytics.rewardsGranted(store, grants, results));
const plugins = createPluginHost(games, [
  createPlatformPlugin(games, () => plugins.rpcs),
  createCachePlugin(games),
  createHealthPlugin(games, () => plugins.plugins.map((p) => p.id)),
  createFloorPlugin(games),
  createBatchPlugin(games, () => MODULE.rpc, () => plugins.documents),
  seasonPass,
  achievements, ratings, createPlayerPlugin(achievements, ratings), createMatchRecordsPlugin(games), createMatchmakingPlugin(games, ratings), liveEvents,
  tournaments, experiments, createRemoteConfigPlugin(games, REMOTE_CONFIG_DEFAULTS, experiments), analytics,
  createWalletPlugin(games), createDailyRewardsPlugin(games, LOGIN_CALENDARS), createDailyMissionsPlugin(games, MISSION_POOLS), createRewardInboxPlugin(games, [achievements.inboxSource, seasonPass.inboxSource, liveEvents.inboxSource]),
  createQuestsPlugin({
    [QUIZVERSE.id]: { file: 'plugins/quests/definitions/quizverse.ts', list: QUIZVERSE_QUESTS },
    [LASTTOLIVE.id]: { file: 'plugins/quests/definitions/lasttolive.ts', list: LASTTOLIVE_QUESTS },
  }, games),
  createCloudSavePlugin(games),
  createLeaderboardsPlugin(games, BOARDS),
], economy);
// Names and chat: usernames and display names checked, chat messages rate limited and masked (docs/retention.md).
const moderation = createModerationHooks(BLOCKED_WORDS);
const matchmaker = createMatchmakerHooks(games, (store, game, mode, userId) => ratings.ratingOf(store, game, mode, userId).rating);

export const MODULE = defineModule({
  games,
  plugins,
  matches: {
    quiz: createMatchHandler(QUIZ_RULES, { games, plugins }),
    br: createMatchHandler(BR_RULES, { games, plugins }),
    [EMPTY_LOOP]: EMPTY_LOOP_HANDLER,
    [DELIVERY_WORKER]: createDeliveryWorker(plugins),
  },
  rtBefore: { MatchmakerAdd: matchmaker.beforeMatchmakerAdd, PartyMatchmakerAdd: matchmaker.beforePartyMatchmakerAdd, ...moderation.rtBefore },
  before: { ...createApiGuards(games, plugins.documents), ...moderation.before },
  matchmakerMatched: matchmaker.matchmakerMatched,
  tournamentEnd: (ctx, logger, nk, tournament, end) => tournaments.tournamentEnd({ nk, logger, economy: plugins.economy }, tournament, end),
  validate: () => [...validateQuestionFiles(), ...validateQuizSettings(), ...moderation.validate()],
});
