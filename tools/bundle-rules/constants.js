'use strict';
/**
 * What Nakama 3.40's initializer offers and which globals goja (its JavaScript engine) has or
 * lacks. Nakama source references: see index.js.
 */

// ---------------------------------------------------------------------------------------------
// What the initializer offers (runtime_javascript_init.go 101-284, mappings()).
// ---------------------------------------------------------------------------------------------
const HOOK_APIS = [
  'GetAccount', 'GetMatchmakerStats', 'UpdateAccount', 'DeleteAccount', 'AuthenticateApple', 'AuthenticateCustom',
  'AuthenticateDevice', 'AuthenticateEmail', 'AuthenticateFacebook', 'AuthenticateFacebookInstantGame',
  'AuthenticateGameCenter', 'AuthenticateGoogle', 'AuthenticateSteam', 'SessionRefresh', 'ListChannelMessages',
  'ListFriends', 'ListFriendsOfFriends', 'AddFriends', 'DeleteFriends', 'BlockFriends', 'ImportFacebookFriends',
  'ImportSteamFriends', 'CreateGroup', 'UpdateGroup', 'DeleteGroup', 'JoinGroup', 'LeaveGroup', 'AddGroupUsers',
  'BanGroupUsers', 'KickGroupUsers', 'PromoteGroupUsers', 'DemoteGroupUsers', 'ListGroupUsers', 'ListUserGroups',
  'ListGroups', 'DeleteLeaderboardRecord', 'DeleteTournamentRecord', 'ListLeaderboardRecords',
  'WriteLeaderboardRecord', 'ListLeaderboardRecordsAroundOwner', 'LinkApple', 'LinkCustom', 'LinkDevice',
  'LinkEmail', 'LinkFacebook', 'LinkFacebookInstantGame', 'LinkGameCenter', 'LinkGoogle', 'LinkSteam',
  'ListMatches', 'ListNotifications', 'DeleteNotifications', 'ListStorageObjects', 'ReadStorageObjects',
  'WriteStorageObjects', 'DeleteStorageObjects', 'JoinTournament', 'ListTournamentRecords', 'ListTournaments',
  'WriteTournamentRecord', 'ListTournamentRecordsAroundOwner', 'UnlinkApple', 'UnlinkCustom', 'UnlinkDevice',
  'UnlinkEmail', 'UnlinkFacebook', 'UnlinkFacebookInstantGame', 'UnlinkGameCenter', 'UnlinkGoogle', 'UnlinkSteam',
  'GetUsers', 'ValidatePurchaseApple', 'ValidateSubscriptionApple', 'ValidatePurchaseGoogle',
  'ValidateSubscriptionGoogle', 'ValidatePurchaseHuawei', 'ValidatePurchaseFacebookInstant',
  'ValidatePurchaseSamsung', 'ListSubscriptions', 'GetSubscription', 'ListParties', 'Event',
];

/**
 * Hook APIs the initializer takes but Nakama 3.40's JavaScript runtime never calls: runtime_javascript.go
 * maps no before or after function for them (registerHook accepts them, so nothing fails at start).
 */
const UNWIRED_HOOK_APIS = new Set(['DeleteTournamentRecord', 'GetMatchmakerStats', 'ImportSteamFriends', 'ListFriendsOfFriends', 'ListParties']);

/** registerX(id, fn): the id is matched in the syntax tree, the fn is taken from the 2nd argument. */
const ID_FN_METHODS = new Set(['registerRpc', 'registerRtBefore', 'registerRtAfter', 'registerStorageIndexFilter']);

/** registerX(fn): registerHook / registerMatchmakerMatched / ... all use getHookFnIdentifier on argument 0. */
const SINGLE_FN_METHODS = new Set([
  'registerMatchmakerMatched', 'registerTournamentEnd', 'registerTournamentReset', 'registerLeaderboardReset',
  'registerShutdown', 'registerPurchaseNotificationApple', 'registerSubscriptionNotificationApple',
  'registerPurchaseNotificationGoogle', 'registerSubscriptionNotificationGoogle',
  ...HOOK_APIS.map((a) => 'registerBefore' + a),
  ...HOOK_APIS.map((a) => 'registerAfter' + a),
]);

const REGISTER_METHODS = new Set([...ID_FN_METHODS, ...SINGLE_FN_METHODS, 'registerMatch', 'registerStorageIndex']);
const INITIALIZER_METHODS = new Set([...REGISTER_METHODS, 'getConfig']);

/** runtime_javascript_init.go 1808-1816. */
const MATCH_KEYS = ['matchInit', 'matchJoinAttempt', 'matchJoin', 'matchLeave', 'matchLoop', 'matchTerminate', 'matchSignal'];

/** pipeline.go 86-143: client messages with before/after hooks (Rpc is excluded at 159-160). */
const RT_HOOK_MESSAGES = [
  'ChannelJoin', 'ChannelLeave', 'ChannelMessageSend', 'ChannelMessageUpdate', 'ChannelMessageRemove',
  'MatchCreate', 'MatchDataSend', 'MatchJoin', 'MatchLeave', 'MatchmakerAdd', 'MatchmakerRemove', 'Ping', 'Pong',
  'StatusFollow', 'StatusUnfollow', 'StatusUpdate', 'PartyCreate', 'PartyJoin', 'PartyLeave', 'PartyPromote',
  'PartyAccept', 'PartyRemove', 'PartyClose', 'PartyJoinRequestList', 'PartyMatchmakerAdd',
  'PartyMatchmakerRemove', 'PartyDataSend', 'PartyUpdate',
];
const RT_HOOK_MESSAGES_LOWER = new Map(RT_HOOK_MESSAGES.map((m) => [m.toLowerCase(), m]));

/** Names Node or browsers provide and goja does not. */
const MODULE_GLOBALS = new Set(['require', 'module', 'exports']);
const HOST_GLOBALS = new Set([
  'process', 'Buffer', 'console', 'setTimeout', 'setInterval', 'TextEncoder', 'TextDecoder', 'window', 'global',
]);

/** `typeof X` in goja for globals whose presence is known (absent ones are 'undefined'). */
const GOJA_TYPEOF = {
  globalThis: 'object', Object: 'function', Function: 'function', Array: 'function', String: 'function',
  Number: 'function', Boolean: 'function', Symbol: 'function', BigInt: 'function', Promise: 'function',
  Map: 'function', Set: 'function', WeakMap: 'function', WeakSet: 'function', Proxy: 'function',
  Reflect: 'object', JSON: 'object', Math: 'object', Date: 'function', RegExp: 'function', Error: 'function',
  ArrayBuffer: 'function', DataView: 'function', Uint8Array: 'function', Float64Array: 'function',
  BigInt64Array: 'function',
};
const GOJA_ABSENT = new Set([
  ...MODULE_GLOBALS, ...HOST_GLOBALS, 'self', 'navigator', 'document', 'queueMicrotask', 'setImmediate',
  'clearTimeout', 'clearInterval', 'crypto', 'fetch', 'atob', 'btoa', 'structuredClone', 'Intl', 'URL',
]);

const ARRAY_MUTATORS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);

const DEFAULT_ECMA_VERSION = 2020;

module.exports = {
  HOOK_APIS,
  UNWIRED_HOOK_APIS,
  ID_FN_METHODS,
  SINGLE_FN_METHODS,
  REGISTER_METHODS,
  INITIALIZER_METHODS,
  MATCH_KEYS,
  RT_HOOK_MESSAGES,
  RT_HOOK_MESSAGES_LOWER,
  MODULE_GLOBALS,
  HOST_GLOBALS,
  GOJA_TYPEOF,
  GOJA_ABSENT,
  ARRAY_MUTATORS,
  DEFAULT_ECMA_VERSION,
};
