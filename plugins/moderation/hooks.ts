import { refuse, type ApiBeforeHook } from '../../core/api-guards';
import { runtimeError, type RuntimeError } from '../../core/errors';
import { consume } from '../../core/rate-limit';
import { CHAT_RATE, cleanChat } from './chat';
import { DISPLAY_NAME, GROUP_DESCRIPTION, GROUP_NAME, nameProblem, USERNAME, type NameRule } from './names';
import { compileWords, parseWords, wordProblems, type WordList } from './word-list';

/** Nakama's authenticate APIs whose requests carry the username a new account gets. */
const AUTHENTICATE_APIS = [
  'AuthenticateApple', 'AuthenticateCustom', 'AuthenticateDevice', 'AuthenticateEmail', 'AuthenticateFacebook',
  'AuthenticateFacebookInstantGame', 'AuthenticateGameCenter', 'AuthenticateGoogle', 'AuthenticateSteam',
];

/** Usernames and display names as the UpdateAccount before-hook receives them (camelCase protojson; absent when not changed). */
interface AccountUpdate { username?: string; displayName?: string }
/** An authenticate request: `create` absent means true; Nakama uses `username` only when it creates the account. */
interface Authenticate { username?: string; create?: boolean }
/** CreateGroup and UpdateGroup requests (UpdateGroup: absent when not changed). */
interface GroupRequest { name?: string; description?: string }

export interface ModerationHooks {
  /** Client API name -> before-hook (merged with core/api-guards.ts in main.ts). */
  before: { [api: string]: ApiBeforeHook };
  rtBefore: {
    ChannelMessageSend: nkruntime.RtBeforeHookFunction<nkruntime.EnvelopeChannelMessageSend>;
    ChannelMessageUpdate: nkruntime.RtBeforeHookFunction<nkruntime.EnvelopeChannelMessageUpdate>;
  };
  /** Problems with the built-in word list (at build and start). */
  validate(): string[];
}

/**
 * Names and chat (docs/retention.md "Names and chat"): usernames and display names that break the
 * rules (plugins/moderation/names.ts) are refused with INVALID_FIELD on UpdateAccount and when an
 * authenticate call creates an account, and so are group names and descriptions (CreateGroup, UpdateGroup); chat messages sent or edited in Nakama channels are rate
 * limited per user, refused when too long, and have listed words masked. Refusals are audit-logged.
 * The word list: `words` plus the runtime env MODERATION_WORDS, read on every call (no module state).
 */
export function createModerationHooks(words: string[]): ModerationHooks {
  const listFor = (ctx: nkruntime.Context): WordList => compileWords(words.concat(parseWords(ctx.env && ctx.env.MODERATION_WORDS)));

  /** A username to create: refused when it breaks the rules, unless an account has it already (logging in again with it changes nothing). */
  const authenticate = (api: string): ApiBeforeHook => (ctx, logger, nk, request: Authenticate) => {
    const { username } = request;
    if (request.create === false || typeof username !== 'string' || username === '') return request;
    const problem = nameProblem(USERNAME, username, listFor(ctx));
    if (problem && nk.usersGetUsername([username]).length === 0) refuse(logger, ctx, api, runtimeError('INVALID_FIELD', problem));
    return request;
  };

  /** The first broken rule of the given text fields (empty and absent ones are not checked), or null. */
  const firstProblem = (list: WordList, fields: [NameRule, unknown][]) => fields.reduce<string | null>((found, [rule, text]) => found || (typeof text === 'string' && text !== '' ? nameProblem(rule, text, list) : null), null);

  const before: { [api: string]: ApiBeforeHook } = {
    UpdateAccount(ctx, logger, nk, request: AccountUpdate) {
      // A username kept as it is passes, so a name from before a rule does not block other changes.
      const problem = firstProblem(listFor(ctx), [[USERNAME, request.username !== ctx.username ? request.username : undefined], [DISPLAY_NAME, request.displayName]]);
      if (problem) refuse(logger, ctx, 'UpdateAccount', runtimeError('INVALID_FIELD', problem));
      return request;
    },
  };
  for (const api of AUTHENTICATE_APIS) before[api] = authenticate(api);
  for (const api of ['CreateGroup', 'UpdateGroup']) {
    before[api] = (ctx, logger, nk, request: GroupRequest) => {
      const problem = firstProblem(listFor(ctx), [[GROUP_NAME, request.name], [GROUP_DESCRIPTION, request.description]]);
      if (problem) refuse(logger, ctx, api, runtimeError('INVALID_FIELD', problem));
      return request;
    };
  }

  /** Count the message against the sender's chat rate, then clean its content (or refuse it). */
  function checkMessage(ctx: nkruntime.Context, logger: nkruntime.Logger, nk: nkruntime.Nakama, api: string, message: { content: string } | undefined): void {
    if (!message) refuse(logger, ctx, api, runtimeError('INVALID_PAYLOAD', `expected a ${api} message`));
    try {
      consume(nk, ctx.userId!, 'chat', CHAT_RATE, Date.now());
    } catch (error) {
      refuse(logger, ctx, api, error as RuntimeError);
    }
    const cleaned = cleanChat(typeof message.content === 'string' ? message.content : '', listFor(ctx));
    if ('problem' in cleaned) refuse(logger, ctx, api, runtimeError('INVALID_FIELD', cleaned.problem));
    message.content = cleaned.content;
  }

  return {
    before,
    rtBefore: {
      ChannelMessageSend(ctx, logger, nk, envelope) {
        checkMessage(ctx, logger, nk, 'ChannelMessageSend', envelope.channelMessageSend);
        return envelope;
      },
      ChannelMessageUpdate(ctx, logger, nk, envelope) {
        checkMessage(ctx, logger, nk, 'ChannelMessageUpdate', envelope.channelMessageUpdate);
        return envelope;
      },
    },
    validate: () => wordProblems(words, 'plugins/moderation/words.ts'),
  };
}
