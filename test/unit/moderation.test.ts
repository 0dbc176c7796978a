import { codePointLength, firstInvisible, stripInvisible } from '../../plugins/moderation/characters';
import { CHAT_RATE, cleanChat, MAX_CHAT_CHARS, MAX_CHAT_JSON } from '../../plugins/moderation/chat';
import { createModerationHooks } from '../../plugins/moderation/hooks';
import { DISPLAY_NAME, GROUP_DESCRIPTION, GROUP_NAME, nameProblem, USERNAME } from '../../plugins/moderation/names';
import { compileWords, findWords, maskWords, parseWords, wordProblems } from '../../plugins/moderation/word-list';
import { BLOCKED_WORDS } from '../../plugins/moderation/words';

const list = compileWords(['idiot', 'loser', 'crap', 'jerk']);
const masked = (text: string) => maskWords(text, list);

describe('the word list', () => {
  test('finds whole words, case-insensitively, and masks only them', () => {
    expect(masked('you idiot')).toBe('you *****');
    expect(masked('IDIOT! Loser.')).toBe('*****! *****.');
    expect(masked('idiot idiot')).toBe('***** *****');
    expect(masked('(crap)')).toBe('(****)');
    expect(masked('jerk_face')).toBe('****_face');
  });

  test('leaves words that merely contain a listed one (no Scunthorpe problem)', () => {
    for (const text of ['idiotic', 'closer_club2', 'scrappy', 'jerky', 'crapper', 'xidiotx', 'noidiot', 'écrap', 'crapé']) expect(masked(text)).toBe(text);
  });

  test('sees through simple leetspeak, stretched letters, a plural s and camelCase', () => {
    expect(masked('1d10t')).toBe('*****');
    expect(masked('|d!0t')).toBe('*****');
    expect(masked('l0s3r')).toBe('*****');
    expect(masked('idiooooot')).toBe('*********');
    expect(masked('idiots')).toBe('******');
    expect(masked('cr4p!!')).toBe('****!!');
    expect(masked('IdiotKing')).toBe('*****King');
    expect(masked('theJerkIsHere')).toBe('the****IsHere');
    expect(findWords('you 1d10ts', list)).toEqual([{ start: 4, end: 10, word: 'idiot' }]);
  });

  test('sees through look-alike letters of other scripts and words spelt one letter at a time', () => {
    expect(masked('idi\u043et')).toBe('*****'); // Cyrillic о
    expect(masked('\u0456di\u03bft')).toBe('*****'); // Cyrillic і, Greek ο
    expect(masked('\uff49\uff44\uff49\uff4f\uff54')).toBe('*****'); // fullwidth
    expect(masked('you i.d.i.o.t')).toBe('you *********');
    expect(masked('l-o-s-e-r!')).toBe('*********!');
    expect(masked('you j e r k here')).toBe('you ******* here');
    // Single letters that spell nothing listed, and real words of other scripts, stay.
    for (const text of ['a b c d', 'U.S.A.', 'i.e. fine', 'привет', 'καλημέρα']) expect(masked(text)).toBe(text);
  });

  test('stretched letters must be stretched, not dropped', () => {
    const withDouble = compileWords(['boob']);
    expect(maskWords('bob', withDouble)).toBe('bob');
    expect(maskWords('booob', withDouble)).toBe('*****');
  });

  test('lists are lowercase letters; the built-in one is valid, the runtime env one is filtered', () => {
    expect(wordProblems(BLOCKED_WORDS, 'words.ts')).toEqual([]);
    expect(wordProblems(['ok', 'Bad', 'a', 'two words'], 'w')).toEqual(['w: "Bad" must be 2-32 lowercase letters a-z', 'w: "a" must be 2-32 lowercase letters a-z', 'w: "two words" must be 2-32 lowercase letters a-z']);
    expect(parseWords(' Dolt, nitwit,,x, no way ')).toEqual(['dolt', 'nitwit']);
    expect(parseWords(undefined)).toEqual([]);
    expect(maskWords('anything goes', compileWords([]))).toBe('anything goes');
  });
});

describe('invisible characters', () => {
  test('controls, zero-width, bidi and tag characters are found, with their position', () => {
    expect(firstInvisible('plain text, émoji 😀')).toBeNull();
    expect(firstInvisible('a\u200bb')).toEqual({ cp: 0x200b, at: 1 });
    expect(firstInvisible('😀\u202e')).toEqual({ cp: 0x202e, at: 1 });
    for (const c of ['\u0000', '\t', '\n', '\u001b', '\u007f', '\u0085', '\u00ad', '\u200d', '\u2066', '\ufeff', '\u3164', '\udb40\udc41']) {
      expect(firstInvisible(`x${c}`)).not.toBeNull();
    }
    expect(firstInvisible('x\ud800')).toEqual({ cp: -1, at: 1 });
  });

  test('are stripped from chat text, except the kept ones', () => {
    expect(stripInvisible('he\u200bll\u202eo\n\tthere\u0000', [0x0a, 0x09])).toBe('hello\n\tthere');
    expect(stripInvisible('tag\udb40\udc41s \ud800', [])).toBe('tags ');
    expect(codePointLength('a😀b')).toBe(3);
  });
});

describe('names', () => {
  test('good names pass', () => {
    for (const name of ['Alice', 'Zoë', 'Player 1', '李小龍', 'ninja😀']) expect(nameProblem(DISPLAY_NAME, name, list)).toBeNull();
    for (const name of ['alice_99', 'Zoë', 'x-y.z']) expect(nameProblem(USERNAME, name, list)).toBeNull();
    expect(nameProblem(GROUP_NAME, 'Quiz Night Crew', list)).toBeNull();
    expect(nameProblem(GROUP_NAME, 'QZ', list)).toBe('name: 3 to 48 characters (this one has 2)');
    expect(nameProblem(GROUP_DESCRIPTION, 'We play every night, 9 pm UTC.', list)).toBeNull();
    expect(nameProblem(GROUP_DESCRIPTION, 'x'.repeat(256), list)).toBe('description: 1 to 255 characters (this one has 256)');
  });

  test('control and invisible characters are refused, naming the character', () => {
    expect(nameProblem(DISPLAY_NAME, 'Ali\u0007ce', list)).toBe('display_name: no control or invisible characters (U+0007 at position 4)');
    expect(nameProblem(DISPLAY_NAME, 'Ad\u200bmin', list)).toBe('display_name: no control or invisible characters (U+200B at position 3)');
    expect(nameProblem(USERNAME, '\u202eadmin', list)).toBe('username: no control or invisible characters (U+202E at position 1)');
    expect(nameProblem(DISPLAY_NAME, 'a\nb', list)).toMatch(/U\+000A/);
  });

  test('spaces: plain single ones inside display names only', () => {
    expect(nameProblem(DISPLAY_NAME, 'a\u00a0b', list)).toBe('display_name: no spaces other than the plain space (U+00A0)');
    expect(nameProblem(DISPLAY_NAME, ' padded', list)).toBe('display_name: no spaces at the start or end, nor two in a row');
    expect(nameProblem(DISPLAY_NAME, 'a  b', list)).toBe('display_name: no spaces at the start or end, nor two in a row');
    expect(nameProblem(USERNAME, 'two words', list)).toBe('username: no spaces');
  });

  test('lengths count characters, not UTF-16 units', () => {
    expect(nameProblem(USERNAME, 'ab', list)).toBe('username: 3 to 32 characters (this one has 2)');
    expect(nameProblem(DISPLAY_NAME, 'x'.repeat(33), list)).toBe('display_name: 1 to 32 characters (this one has 33)');
    expect(nameProblem(DISPLAY_NAME, '😀'.repeat(32), list)).toBeNull();
  });

  test('listed words are refused, as written', () => {
    expect(nameProblem(DISPLAY_NAME, 'Big Idiot', list)).toBe('display_name: "Idiot" is not allowed in names (the word list, docs/retention.md); choose another');
    expect(nameProblem(USERNAME, 'l0s3r_42', list)).toBe('username: "l0s3r" is not allowed in names (the word list, docs/retention.md); choose another');
    expect(nameProblem(USERNAME, 'IdiotKing', list)).toMatch(/"Idiot" is not allowed/);
  });
});

describe('chat messages', () => {
  test('listed words are masked in every string value; the content is kept as it was otherwise', () => {
    expect(cleanChat('{"message":"hello there"}', list)).toEqual({ content: '{"message":"hello there"}' });
    const out = cleanChat('{"message":"you idiot","meta":{"tags":["crap",1,true,null]}}', list);
    expect(JSON.parse((out as { content: string }).content)).toEqual({ message: 'you *****', meta: { tags: ['****', 1, true, null] } });
  });

  test('invisible characters are removed (newlines and tabs kept), so they cannot hide a word', () => {
    const out = cleanChat(JSON.stringify({ message: 'id\u200biot\nline\u202e two' }), list) as { content: string };
    expect(JSON.parse(out.content)).toEqual({ message: '*****\nline two' });
    expect(JSON.parse((cleanChat('{"m":"a\\u0000b\\ud800"}', list) as { content: string }).content)).toEqual({ m: 'ab' });
  });

  test('too long, too deep or not a JSON object is refused', () => {
    expect(cleanChat(JSON.stringify({ m: 'x'.repeat(MAX_CHAT_CHARS) }), list)).toHaveProperty('content');
    expect(cleanChat(JSON.stringify({ m: 'x'.repeat(MAX_CHAT_CHARS), n: '😀' }), list)).toEqual({ problem: `message: at most ${MAX_CHAT_CHARS} characters of text (this one has ${MAX_CHAT_CHARS + 1})` });
    expect(cleanChat(JSON.stringify({ m: ' '.repeat(MAX_CHAT_JSON) }), list)).toEqual({ problem: `content: at most ${MAX_CHAT_JSON} characters of JSON` });
    expect(cleanChat(`{"a":${'['.repeat(9)}${']'.repeat(9)}}`, list)).toEqual({ problem: 'content: nests deeper than 8 levels' });
    expect(cleanChat(`{"a":${'['.repeat(7)}${']'.repeat(7)}}`, list)).toHaveProperty('content');
    for (const bad of ['not json', '[1]', '"text"', 'null', '']) expect(cleanChat(bad, list)).toEqual({ problem: 'content: must be a JSON object' });
  });

  test('a __proto__ key is dropped rather than passed on', () => {
    expect(cleanChat('{"__proto__":{"admin":true},"m":"hi"}', list)).toEqual({ content: '{"m":"hi"}' });
  });
});

describe('the hooks', () => {
  const hooks = createModerationHooks(['idiot']);
  const warnings: string[] = [];
  const logger = { warn: (...a: unknown[]) => warnings.push(a.map(String).join(' ')), info: () => undefined, error: () => undefined, debug: () => undefined } as unknown as nkruntime.Logger;
  const cache: { [key: string]: unknown } = {};
  const nk = {
    usersGetUsername: (names: string[]) => names.filter((n) => n === 'taken_idiot').map((username) => ({ userId: 'u', username })),
    localcacheGet: (key: string, fallback: unknown) => (key in cache ? cache[key] : fallback),
    localcachePut: (key: string, value: unknown) => { cache[key] = value; },
  } as unknown as nkruntime.Nakama;
  const ctx = (env: { [key: string]: string } = {}, user = 'u1') => ({ env, userId: user, username: 'old_name' }) as unknown as nkruntime.Context;
  const thrown = (f: () => unknown) => {
    try {
      f();
    } catch (error) {
      return error as { code: number; message: string };
    }
    throw new Error('expected a refusal');
  };

  test('UpdateAccount refuses bad names with INVALID_FIELD (audit-logged) and passes good ones and unchanged usernames', () => {
    const request = { displayName: 'Nice Name', username: 'old_name' };
    expect(hooks.before.UpdateAccount(ctx(), logger, nk, request)).toBe(request);
    expect(thrown(() => hooks.before.UpdateAccount(ctx(), logger, nk, { displayName: 'an idiot' }))).toEqual({ code: 3, message: expect.stringMatching(/^INVALID_FIELD: display_name: "idiot" is not allowed/) });
    expect(thrown(() => hooks.before.UpdateAccount(ctx(), logger, nk, { username: 'a\u200bb' }))).toMatchObject({ code: 3 });
    expect(warnings.some((w) => w.includes('audit: refused %s by %s: %s UpdateAccount u1'))).toBe(true);
  });

  test('the runtime env MODERATION_WORDS adds words', () => {
    expect(hooks.before.UpdateAccount(ctx(), logger, nk, { displayName: 'nitwit' })).toEqual({ displayName: 'nitwit' });
    expect(thrown(() => hooks.before.UpdateAccount(ctx({ MODERATION_WORDS: 'nitwit' }), logger, nk, { displayName: 'nitwit' }))).toMatchObject({ code: 3 });
  });

  test('authenticate refuses a bad username for a new account only', () => {
    expect(thrown(() => hooks.before.AuthenticateDevice(ctx(), logger, nk, { username: 'idiot_99', create: true }))).toMatchObject({ code: 3 });
    expect(thrown(() => hooks.before.AuthenticateEmail(ctx(), logger, nk, { username: 'idiot_99' }))).toMatchObject({ code: 3 });
    expect(hooks.before.AuthenticateDevice(ctx(), logger, nk, { username: 'idiot_99', create: false })).toBeTruthy();
    expect(hooks.before.AuthenticateDevice(ctx(), logger, nk, { username: 'taken_idiot' })).toBeTruthy(); // an account has it: a login
    expect(hooks.before.AuthenticateCustom(ctx(), logger, nk, { username: '' })).toBeTruthy();
    expect(hooks.before.AuthenticateSteam(ctx(), logger, nk, { username: 'fine_name' })).toBeTruthy();
  });

  test('chat: masked, refused when too long, and limited per user', () => {
    const send = (content: string, user = 'c1') => hooks.rtBefore.ChannelMessageSend(ctx({}, user), logger, nk, { channelMessageSend: { channelId: 'ch', content } });
    expect(JSON.parse(send('{"m":"you idiot"}')!.channelMessageSend.content)).toEqual({ m: 'you *****' });
    const updated = hooks.rtBefore.ChannelMessageUpdate(ctx({}, 'c1'), logger, nk, { channelMessageUpdate: { channelId: 'ch', messageId: 'm', content: '{"m":"IDIOT"}' } });
    expect(JSON.parse(updated!.channelMessageUpdate.content)).toEqual({ m: '*****' });
    expect(thrown(() => send(JSON.stringify({ m: 'x'.repeat(MAX_CHAT_CHARS + 1) })))).toMatchObject({ code: 3, message: expect.stringContaining('at most 500 characters') });
    // c1 has used 3 of its calls in this window (the refused one counts too); c2 is limited on its own.
    const results: string[] = [];
    for (let i = 0; i < CHAT_RATE.calls * 2 + 1; i++) {
      try {
        send('{"m":"hi"}', 'c2');
        results.push('ok');
      } catch (error) {
        results.push(String((error as { code: number }).code));
      }
    }
    expect(results.filter((r) => r === 'ok').length).toBeLessThanOrEqual(CHAT_RATE.calls * 2);
    expect(results).toContain('8');
  });
});
