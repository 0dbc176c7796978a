import type { ApiBeforeHook } from './api-guards';
import { ERRORS } from './errors';
import { validateGames, type GameRegistry } from './game-registry';
import { migrate } from './migrations';
import type { PluginHost } from './plugin-host';
import { createRpcDispatcher, type RpcDispatcher } from './rpc';

/**
 * The composition of the whole server module. main.ts builds one; the build reads its manifest and
 * generates Nakama's literal registrations (see tools/registrations.js), which call back into it.
 */
export interface ModuleDeclaration {
  games: GameRegistry;
  plugins: PluginHost;
  /** Match module name -> handler (the name nk.matchCreate uses). */
  matches: { [name: string]: nkruntime.MatchHandler<any> };
  /** Realtime message name (e.g. MatchmakerAdd) -> before-hook. */
  rtBefore: { [message: string]: nkruntime.RtBeforeHookFunction<any> };
  /** Client API name (e.g. WriteStorageObjects) -> before-hook (core/api-guards.ts). */
  before: { [api: string]: ApiBeforeHook };
  matchmakerMatched: nkruntime.MatchmakerMatchedFunction;
  /** Nakama's tournament end callback (a tournament period's active window ended). */
  tournamentEnd?: nkruntime.TournamentEndFunction;
  /** Problems found outside games and plugins (e.g. match data files); empty when valid. */
  validate?: () => string[];
}

/** What InitModule registers. */
export interface Manifest {
  rpcs: string[];
  matches: string[];
  rtBefore: string[];
  before: string[];
  matchmakerMatched: boolean;
  tournamentEnd: boolean;
}

export interface NakamaModule extends ModuleDeclaration {
  /** The error registry (for the generated RPC reference). */
  errors: typeof ERRORS;
  manifest(): Manifest;
  /** Every problem with games, plugins and definitions; empty when the module can start. */
  problems(): string[];
  /** Run by InitModule once: refuses to start (throws, listing every problem) on invalid data. */
  init(ctx: nkruntime.Context, logger: nkruntime.Logger, nk: nkruntime.Nakama): void;
  rpc: RpcDispatcher;
}

export function defineModule(declaration: ModuleDeclaration): NakamaModule {
  const problems = () => [
    ...validateGames(declaration.games.games),
    ...declaration.plugins.validate(),
    ...(declaration.validate ? declaration.validate() : []),
  ];
  return {
    ...declaration,
    errors: ERRORS,
    rpc: createRpcDispatcher(declaration.games, declaration.plugins.rpcs, declaration.plugins.economy),
    manifest: () => ({
      rpcs: declaration.plugins.rpcs.map((h) => h.rpc.id),
      matches: Object.keys(declaration.matches),
      rtBefore: Object.keys(declaration.rtBefore),
      before: Object.keys(declaration.before),
      matchmakerMatched: true,
      tournamentEnd: !!declaration.tournamentEnd,
    }),
    problems,
    init(ctx, logger, nk) {
      const found = problems();
      if (found.length > 0) throw new Error(`invalid module definitions:\n- ${found.join('\n- ')}`);
      const schema = declaration.plugins.migrations.length > 0 ? migrate(nk, logger, declaration.plugins.migrations, Date.now()) : 0;
      for (const plugin of declaration.plugins.plugins) if (plugin.init) plugin.init({ nk, logger });
      logger.info('module ready: %d games, %d plugins, %d rpcs, schema version %d', declaration.games.games.length, declaration.plugins.plugins.length, declaration.plugins.rpcs.length, schema);
    },
  };
}
