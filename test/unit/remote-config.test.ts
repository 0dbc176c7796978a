import { changesOf, configChanges, configProblems, mergeConfig } from '../../plugins/remote-config/config';

describe('remote config documents', () => {
  test('the fallback chain merges objects key by key and replaces everything else', () => {
    const builtIn = { motd: '', features: { shop: true, friends: true }, tiers: [1, 2, 3] };
    const game = { motd: 'Season 3!', features: { friends: false }, tiers: [5] };
    const variant = { features: { shop: false, new_menu: true } };
    expect(mergeConfig(mergeConfig(builtIn, game), variant)).toEqual({ motd: 'Season 3!', features: { shop: false, friends: false, new_menu: true }, tiers: [5] });
    expect(builtIn.features).toEqual({ shop: true, friends: true }); // inputs untouched
  });

  test('changes are listed by path', () => {
    expect(configChanges({ a: 1, b: { c: 1, d: 2 }, gone: true }, { a: 1, b: { c: 2, e: 3 }, added: [] })).toEqual([
      { path: 'b.c', change: 'changed' }, { path: 'b.d', change: 'removed' }, { path: 'b.e', change: 'added' },
      { path: 'gone', change: 'removed' }, { path: 'added', change: 'added' },
    ]);
    const many: { [k: string]: number } = {};
    for (let i = 0; i < 80; i++) many[`k${i}`] = i;
    expect(changesOf({ default: {}, variants: {} }, { default: many, variants: {} })).toMatchObject({ more: 30 });
  });

  test('bad documents are refused with the path of each problem', () => {
    expect(configProblems({ ok: { nested: [1, 'two', null, true] } }, 'default')).toEqual([]);
    expect(configProblems([], 'default')).toEqual(['default: must be a JSON object']);
    expect(configProblems({ 'bad key!': 1 }, 'default')).toEqual(['default.bad key!: keys are 1-64 of A-Z a-z 0-9 _ . -']);
    expect(configProblems(JSON.parse('{"__proto__": {"admin": true}, "a": {"constructor": 1, "toString": 2}}'), 'default')).toEqual([
      'default.__proto__: a reserved name (a member of every JavaScript object)', 'default.a.constructor: a reserved name (a member of every JavaScript object)', 'default.a.toString: a reserved name (a member of every JavaScript object)',
    ]);
    expect(configProblems({ motd: 'a\u0000b', other: '\udb6a' }, 'default')).toEqual(['default.motd: text with a NUL character or an unpaired surrogate', 'default.other: text with a NUL character or an unpaired surrogate']);
    expect(configProblems({ a: { b: { c: { d: { e: { f: 1 } } } } } }, 'default')).toEqual(['default.a.b.c.d.e.f: nests deeper than 6 levels']);
    expect(configProblems({ big: 'x'.repeat(9000) }, 'variants.e.a')[0]).toMatch(/^variants\.e\.a: 9010 bytes of JSON, at most 8192$/);
  });
});
