import { dict, int, list, obj, optional, str, withDefault } from '../../core/shape';

/** Document shapes (core/shape.ts): repair what can be repaired, refuse the rest, report every problem. */
describe('document shapes', () => {
  const ENTRY = obj({ count: int(0), note: optional(str(8)) });
  const DOC = obj({ entries: withDefault(dict(ENTRY, 2), () => ({})), ids: withDefault(list(str(8), 3), () => []) });
  const parse = (value: unknown) => {
    const problems: string[] = [];
    return { value: DOC(value, 'value', problems), problems };
  };

  test('a valid document passes unchanged, unknown fields dropped', () => {
    expect(parse({ entries: { a: { count: 1, note: 'hi' } }, ids: ['x'], extra: 1 })).toEqual({ value: { entries: { a: { count: 1, note: 'hi' } }, ids: ['x'] }, problems: [] });
  });

  test('broken entries are dropped, broken optional fields left out, missing fields defaulted; each problem named', () => {
    const { value, problems } = parse({ entries: { a: { count: -1 }, b: { count: 2, note: 'far too long' }, c: 'x' }, ids: 5 });
    expect(value).toEqual({ entries: { b: { count: 2 } }, ids: [] });
    expect(problems).toEqual([
      'value.entries.a.count: an integer from 0 to 9007199254740991',
      'value.entries.b.note: a string of at most 8 characters',
      'value.entries.c: an object',
      'value.ids: a list',
    ]);
  });

  test('a required field beyond repair refuses the whole object', () => {
    const problems: string[] = [];
    expect(ENTRY({ count: 'one' }, 'value', problems)).toBeUndefined();
    expect(parse('not an object').value).toBeUndefined();
  });

  test('__proto__ keys never replace a map\'s prototype; maps and lists are bounded', () => {
    const { value, problems } = parse(JSON.parse('{"entries": {"__proto__": {"count": 9}, "a": {"count": 1}, "b": {"count": 2}, "c": {"count": 3}}, "ids": ["1", "2", "3", "4"]}'));
    expect(Object.getPrototypeOf(value!.entries)).toBe(Object.prototype);
    expect(value).toEqual({ entries: { a: { count: 1 }, b: { count: 2 } }, ids: ['2', '3', '4'] });
    expect(problems).toEqual(['value.entries.__proto__: not a valid key', 'value.entries.c: more than 2 entries', 'value.ids: more than 3 items (the first 1 dropped)']);
  });
});
