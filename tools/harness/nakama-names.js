'use strict';
/**
 * Names copied from the Nakama 3.40.0 source so the harness exposes exactly the same surface.
 * - NK_FUNCTIONS: keys of RuntimeJavascriptNakamaModule.mappings() plus "getSatori" (runtime_javascript_nakama.go).
 * - HOOK_APIS: the X of every initializer.registerBeforeX / registerAfterX (runtime_javascript_init.go).
 * - INIT_FUNCTIONS: the other initializer methods.
 * @module
 */

/** @type {readonly string[]} */
const NK_FUNCTIONS = Object.freeze(`event metricsCounterAdd metricsGaugeSet metricsTimerRecord uuidv4 cronPrev cronNext sqlExec
sqlQuery httpRequest base64Encode base64Decode base64UrlEncode base64UrlDecode base16Encode base16Decode jwtGenerate
aes128Encrypt aes128Decrypt aes256Encrypt aes256Decrypt md5Hash sha256Hash hmacSha256Hash rsaSha256Hash bcryptHash
bcryptCompare authenticateApple authenticateCustom authenticateDevice authenticateEmail authenticateFacebook
authenticateFacebookInstantGame authenticateGameCenter authenticateGoogle authenticateSteam authenticateTokenGenerate
accountGetId accountsGetId accountUpdateId accountDeleteId accountExportId accountImportId usersGetId usersGetUsername
usersGetFriendStatus usersGetRandom usersBanId usersUnbanId linkApple linkCustom linkDevice linkEmail linkFacebook
linkFacebookInstantGame linkGameCenter linkGoogle linkSteam unlinkApple unlinkCustom unlinkDevice unlinkEmail
unlinkFacebook unlinkFacebookInstantGame unlinkGameCenter unlinkGoogle unlinkSteam streamUserList streamUserGet
streamUserJoin streamUserUpdate streamUserLeave streamUserKick streamCount streamClose streamSend streamSendRaw
sessionDisconnect sessionLogout matchCreate matchGet matchList matchSignal notificationSend notificationSendAll
notificationsList notificationsSend notificationsDelete notificationsUpdate notificationsGetId notificationsDeleteId
walletUpdate walletsUpdate walletLedgerUpdate walletLedgerList statusFollow statusUnfollow storageList storageRead
storageWrite storageWriteRetry storageDelete multiUpdate leaderboardCreate leaderboardDelete leaderboardList
leaderboardRanksDisable leaderboardRecordsList leaderboardRecordsListCursorFromRank leaderboardRecordWrite
leaderboardRecordDelete leaderboardsGetId leaderboardRecordsHaystack purchaseValidateApple purchaseValidateGoogle
purchaseValidateHuawei purchaseValidateFacebookInstant purchaseValidateSamsung purchaseGetByTransactionId purchasesList
subscriptionValidateApple subscriptionValidateGoogle subscriptionGetByProductId subscriptionsList tournamentCreate
tournamentDelete tournamentAddAttempt tournamentJoin tournamentList tournamentsRanksDisable tournamentsGetId
tournamentRecordsList tournamentRecordWrite tournamentRecordDelete tournamentRecordsHaystack groupsGetId groupCreate
groupUpdate groupDelete groupUsersKick groupUsersList userGroupsList friendsList friendsOfFriendsList friendsAdd
friendsDelete friendsBlock friendMetadataUpdate groupUserJoin groupUserLeave groupUsersAdd groupUsersBan
groupUsersPromote groupUsersDemote groupsList groupsGetRandom fileRead localcacheGet localcachePut localcacheDelete
localcacheClear channelMessageSend channelMessageUpdate channelMessageRemove channelMessagesList channelIdBuild
binaryToString stringToBinary storageIndexList partyList secureRandomBytes getSatori`.split(/\s+/));

/** @type {readonly string[]} */
const HOOK_APIS = Object.freeze(`AddFriends AddGroupUsers AuthenticateApple AuthenticateCustom AuthenticateDevice
AuthenticateEmail AuthenticateFacebook AuthenticateFacebookInstantGame AuthenticateGameCenter AuthenticateGoogle
AuthenticateSteam BanGroupUsers BlockFriends CreateGroup DeleteAccount DeleteFriends DeleteGroup DeleteLeaderboardRecord
DeleteNotifications DeleteStorageObjects DeleteTournamentRecord DemoteGroupUsers Event GetAccount GetMatchmakerStats
GetSubscription GetUsers ImportFacebookFriends ImportSteamFriends JoinGroup JoinTournament KickGroupUsers LeaveGroup
LinkApple LinkCustom LinkDevice LinkEmail LinkFacebook LinkFacebookInstantGame LinkGameCenter LinkGoogle LinkSteam
ListChannelMessages ListFriends ListFriendsOfFriends ListGroupUsers ListGroups ListLeaderboardRecords
ListLeaderboardRecordsAroundOwner ListMatches ListNotifications ListParties ListStorageObjects ListSubscriptions
ListTournamentRecords ListTournamentRecordsAroundOwner ListTournaments ListUserGroups PromoteGroupUsers
ReadStorageObjects SessionRefresh UnlinkApple UnlinkCustom UnlinkDevice UnlinkEmail UnlinkFacebook
UnlinkFacebookInstantGame UnlinkGameCenter UnlinkGoogle UnlinkSteam UpdateAccount UpdateGroup ValidatePurchaseApple
ValidatePurchaseFacebookInstant ValidatePurchaseGoogle ValidatePurchaseHuawei ValidatePurchaseSamsung
ValidateSubscriptionApple ValidateSubscriptionGoogle WriteLeaderboardRecord WriteStorageObjects WriteTournamentRecord`
  .split(/\s+/));

/** Initializer methods taking only a function (registerHook-like, with a global-scope check). */
const SINGLE_FN_REGISTRATIONS = Object.freeze({
  registerMatchmakerMatched: 'matchmakerMatched',
  registerTournamentEnd: 'tournamentEnd',
  registerTournamentReset: 'tournamentReset',
  registerLeaderboardReset: 'leaderboardReset',
  registerShutdown: 'shutdown',
  registerPurchaseNotificationApple: 'purchaseNotificationApple',
  registerSubscriptionNotificationApple: 'subscriptionNotificationApple',
  registerPurchaseNotificationGoogle: 'purchaseNotificationGoogle',
  registerSubscriptionNotificationGoogle: 'subscriptionNotificationGoogle',
});

/** Match handler keys, in the order registerMatch checks them. */
const MATCH_HANDLERS = Object.freeze(['matchInit', 'matchJoinAttempt', 'matchJoin', 'matchLeave', 'matchLoop',
  'matchTerminate', 'matchSignal']);

/** RuntimeExecutionMode iota values (runtime.go), needed because match ctx carries the raw Go enum. */
const EXECUTION_MODE_VALUES = Object.freeze({ match: 5 });

module.exports = { NK_FUNCTIONS, HOOK_APIS, SINGLE_FN_REGISTRATIONS, MATCH_HANDLERS, EXECUTION_MODE_VALUES };
