import { Client, type ChannelMessage } from '@heroiclabs/nakama-js';
import fs from 'fs';
import { CHAT_RATE, MAX_CHAT_CHARS } from '../../plugins/moderation/chat';
import { connectPlayer, rpcError, server, type Player } from './support/nakama';

/**
 * Names and chat on the real server (docs/retention.md "Names and chat"): Nakama's own account and
 * authenticate APIs and its chat channels, through nakama-js, with the module's before-hooks.
 */
const ROOM = 1; // nakama-js joinChat type: a room

/** A socket call's error as nakama-js rejects it: the realtime Error envelope. */
async function socketError(promise: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: number; message: string };
  }
  throw new Error('expected the message to be refused');
}

describe('display names and usernames', () => {
  let player: Player;
  beforeAll(async () => {
    player = await connectPlayer('names');
  });
  afterAll(() => player?.close());

  test.each([
    ['a control character', 'Ali\u0007ce', 'display_name: no control or invisible characters (U+0007 at position 4)'],
    ['a zero-width space', 'Ad\u200bmin', 'display_name: no control or invisible characters (U+200B at position 3)'],
    ['a right-to-left override', '\u202eesrever', 'display_name: no control or invisible characters (U+202E at position 1)'],
    ['a listed word', 'Total Idiot', 'display_name: "Idiot" is not allowed in names'],
    ['a listed word in leetspeak', 'l0s3r', 'display_name: "l0s3r" is not allowed in names'],
    ['a listed word with a Cyrillic look-alike letter', 'Idi\u043et', 'display_name: "Idi\u043et" is not allowed in names'],
    ['a listed word spelt letter by letter', 'I.D.I.O.T', 'display_name: "I.D.I.O.T" is not allowed in names'],
    ['too many characters', 'x'.repeat(33), 'display_name: 1 to 32 characters (this one has 33)'],
  ])('a display name with %s is refused with INVALID_FIELD, and nothing changes', async (_, name, message) => {
    const error = await rpcError(player.client.updateAccount(player.session, { display_name: name }));
    expect(error).toMatchObject({ status: 400, code: 3 });
    expect(error.message.startsWith(`INVALID_FIELD: ${message}`)).toBe(true);
    expect((await player.client.getAccount(player.session)).user?.display_name).not.toBe(name);
  });

  test('a good display name is accepted, and usernames are checked too', async () => {
    expect(await player.client.updateAccount(player.session, { display_name: 'Zoë the Great 😀' })).toBe(true);
    expect((await player.client.getAccount(player.session)).user?.display_name).toBe('Zoë the Great 😀');
    const bad = await rpcError(player.client.updateAccount(player.session, { username: `dumbass_${process.pid}` }));
    expect(bad).toMatchObject({ status: 400, code: 3, message: expect.stringMatching(/^INVALID_FIELD: username: "dumbass" is not allowed/) });
    const spaced = await rpcError(player.client.updateAccount(player.session, { username: 'two words' }));
    expect(spaced).toMatchObject({ code: 3, message: 'INVALID_FIELD: username: no spaces' });
    const good = `zoe_${process.pid}_${Date.now() % 100000}`;
    expect(await player.client.updateAccount(player.session, { username: good })).toBe(true);
    expect((await player.client.getAccount(player.session)).user?.username).toBe(good);
  });

  test('an account created with a bad username is refused; a good one is created', async () => {
    const { host, port, serverKey } = server();
    const client = new Client(serverKey, host, port, false);
    const refused = await rpcError(client.authenticateDevice(`names-new-${process.pid}-${Date.now()}`, true, `Idiot_${process.pid}`));
    expect(refused).toMatchObject({ status: 400, code: 3, message: expect.stringMatching(/^INVALID_FIELD: username: "Idiot" is not allowed/) });
    const hidden = await rpcError(client.authenticateCustom(`names-custom-${process.pid}-${Date.now()}`, true, 'ad\u200dmin_x'));
    expect(hidden).toMatchObject({ code: 3, message: expect.stringContaining('U+200D') });
    const session = await client.authenticateDevice(`names-ok-${process.pid}-${Date.now()}`, true, `fine_${process.pid}`);
    expect(session.username).toBe(`fine_${process.pid}`);
  });

  test('refusals are audit-logged', () => {
    const log = fs.readFileSync(process.env.NAKAMA_LOG!, 'utf8');
    expect(log).toMatch(new RegExp(`audit: refused UpdateAccount by ${player.userId}: INVALID_FIELD: display_name`));
    expect(log).toMatch(/audit: refused AuthenticateDevice by \(no user\): INVALID_FIELD: username/);
  });
});

describe('group names and descriptions', () => {
  let player: Player;
  beforeAll(async () => { player = await connectPlayer('groups'); });
  afterAll(() => player?.close());

  test('a group with a listed word or an invisible character in its name or description is refused; a good one is created and checked on update', async () => {
    const name = (n: string) => `${n} ${process.pid}`;
    expect(await rpcError(player.client.createGroup(player.session, { name: name('Idiots Club'), open: true }))).toMatchObject({ status: 400, code: 3, message: expect.stringMatching(/^INVALID_FIELD: name: "Idiots" is not allowed/) });
    expect(await rpcError(player.client.createGroup(player.session, { name: name('Fine​Club'), open: true }))).toMatchObject({ code: 3, message: expect.stringContaining('U+200B') });
    expect(await rpcError(player.client.createGroup(player.session, { name: name('Quiz Fans'), description: 'only for l0s3rs', open: true }))).toMatchObject({ code: 3, message: expect.stringMatching(/^INVALID_FIELD: description: "l0s3rs" is not allowed/) });
    const group = await player.client.createGroup(player.session, { name: name('Quiz Fans'), description: 'We play every night.', open: true });
    expect(group.name).toBe(name('Quiz Fans'));
    expect(await rpcError(player.client.updateGroup(player.session, group.id!, { name: name('Dumbass Fans') }))).toMatchObject({ code: 3, message: expect.stringMatching(/^INVALID_FIELD: name: "Dumbass" is not allowed/) });
    expect(await player.client.updateGroup(player.session, group.id!, { name: name('Quiz Friends') })).toBe(true);
    const listed = await player.client.listUserGroups(player.session, player.userId);
    expect((listed.user_groups || []).map((g) => g.group?.name)).toEqual([name('Quiz Friends')]);
  });
});

describe('chat messages in Nakama channels', () => {
  let alice: Player;
  let bob: Player;
  let channelId: string;
  const received: ChannelMessage[] = [];

  beforeAll(async () => {
    [alice, bob] = await Promise.all([connectPlayer('chatalice'), connectPlayer('chatbob')]);
    const room = `names-chat-${process.pid}-${Date.now()}`;
    channelId = (await alice.socket.joinChat(room, ROOM, false, false)).id;
    await bob.socket.joinChat(room, ROOM, false, false);
    bob.socket.onchannelmessage = (m) => received.push(m);
  });
  afterAll(() => {
    alice?.close();
    bob?.close();
  });

  /** The first message bob received that contains `text` (polled: the player helper wakes on match data and notifications only). */
  async function arrived(text: string): Promise<ChannelMessage> {
    for (const started = Date.now(); Date.now() - started < 10000; await new Promise((r) => setTimeout(r, 25))) {
      const found = received.filter((m) => JSON.stringify(m.content).includes(text))[0];
      if (found) return found;
    }
    throw new Error(`timed out waiting for a message with ${text}`);
  }

  test('a listed word arrives masked to another member; the rest of the message as written', async () => {
    await alice.socket.writeChatMessage(channelId, { message: 'gg you 1d10t, well played', emote: 'wave' });
    const m = await arrived('well played');
    expect(m.content).toEqual({ message: 'gg you *****, well played', emote: 'wave' });
    expect(m.sender_id).toBe(alice.userId);
  });

  test('invisible characters cannot hide a word; they are removed', async () => {
    await alice.socket.writeChatMessage(channelId, { message: 'what a stu\u200bpid \u202emove' });
    expect((await arrived('move')).content).toEqual({ message: 'what a ****** move' });
  });

  test('an edited message is masked too', async () => {
    const ack = await alice.socket.writeChatMessage(channelId, { message: 'first draft' });
    await arrived('first draft');
    await alice.socket.updateChatMessage(channelId, ack.message_id, { message: 'second draft, moron' });
    expect((await arrived('second draft')).content).toEqual({ message: 'second draft, *****' });
  });

  test('an over-long message is refused and never arrives', async () => {
    const long = `${'x'.repeat(MAX_CHAT_CHARS)}LONG`;
    const error = await socketError(alice.socket.writeChatMessage(channelId, { message: long }));
    expect(error.message).toBe(`INVALID_FIELD: message: at most ${MAX_CHAT_CHARS} characters of text (this one has ${MAX_CHAT_CHARS + 4})`);
    await alice.socket.writeChatMessage(channelId, { message: 'after the long one' });
    await arrived('after the long one');
    expect(received.some((m) => JSON.stringify(m.content).includes('LONG'))).toBe(false);
  });

  test('a burst over the chat rate is refused with RESOURCE_EXHAUSTED', async () => {
    const flooder = await connectPlayer('chatflood');
    try {
      const channel = await flooder.socket.joinChat(`names-flood-${process.pid}-${Date.now()}`, ROOM, false, false);
      // Fixed windows: a burst may straddle two, so at most twice the rate gets through.
      const burst = CHAT_RATE.calls * 2 + 5;
      const results = await Promise.all(Array.from({ length: burst }, (_, i) => flooder.socket.writeChatMessage(channel.id, { message: `spam ${i}` }).then(() => null, (e: { message: string }) => e.message)));
      const refused = results.filter((r): r is string => r !== null);
      expect(burst - refused.length).toBeGreaterThanOrEqual(CHAT_RATE.calls);
      expect(burst - refused.length).toBeLessThanOrEqual(CHAT_RATE.calls * 2);
      for (const message of refused) expect(message).toMatch(/^RESOURCE_EXHAUSTED: rate limit: chat allows 10 calls per 10 s; retry_after_ms=\d+$/);
    } finally {
      flooder.close();
    }
  });
});
