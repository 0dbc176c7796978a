import { currentVersionIn, MAX_SAVE_BYTES, measureSave, SLOT_NAME, staleVersion, tooManySlots } from '../../plugins/cloud-save/slots';

describe('cloud save rules', () => {
  test('slot names are 1-32 of a-z 0-9 _ -', () => {
    for (const ok of ['main', 'a', 'profile-2', 'slot_1', 'x'.repeat(32)]) expect(SLOT_NAME.test(ok)).toBe(true);
    for (const bad of ['', 'Main', 'a b', 'x'.repeat(33), 'é', 'a/b', 'a.b', '__proto__ ']) expect(SLOT_NAME.test(bad)).toBe(false);
  });

  test('data is measured in bytes of JSON, multibyte characters counted as UTF-8', () => {
    expect(measureSave({})).toEqual({ bytes: 2 });
    expect(measureSave({ a: 'é€😀' })).toEqual({ bytes: JSON.stringify({ a: 'é€😀' }).length - 4 + 2 + 3 + 4 });
    const exact = { p: 'x'.repeat(MAX_SAVE_BYTES - 8) }; // {"p":"..."} is 8 bytes around the text
    expect(measureSave(exact)).toEqual({ bytes: MAX_SAVE_BYTES });
  });

  test('data over the cap is refused, in characters or in UTF-8 bytes', () => {
    expect(measureSave({ p: 'x'.repeat(MAX_SAVE_BYTES) })).toEqual({ problem: `data: ${MAX_SAVE_BYTES + 8} characters of JSON, more than ${MAX_SAVE_BYTES} bytes` });
    const wide = { p: '€'.repeat(21850) }; // fewer characters than the cap, three bytes each
    expect(JSON.stringify(wide).length).toBeLessThan(MAX_SAVE_BYTES);
    expect(measureSave(wide)).toEqual({ problem: `data: ${3 * 21850 + 8} bytes of JSON, at most ${MAX_SAVE_BYTES}` });
  });

  test('only plain JSON objects PostgreSQL can store are saved, the bad path named', () => {
    expect(measureSave([])).toEqual({ problem: 'data: must be a JSON object' });
    expect(measureSave(null)).toEqual({ problem: 'data: must be a JSON object' });
    expect(measureSave('text')).toEqual({ problem: 'data: must be a JSON object' });
    expect(measureSave({ a: [1, { b: 'x\u0000y' }] })).toEqual({ problem: 'data.a[1].b: text with a NUL character or an unpaired surrogate' });
    expect(measureSave({ a: '\ud800' })).toEqual({ problem: 'data.a: text with a NUL character or an unpaired surrogate' });
    expect(measureSave({ ['k\u0000']: 1 })).toEqual({ problem: 'data: a key with a NUL character or an unpaired surrogate' });
    expect(measureSave(JSON.parse('{"n": 1e999}'))).toEqual({ problem: 'data.n: not a finite number' });
    expect(measureSave(JSON.parse('{"a": {"__proto__": {"admin": true}}}'))).toEqual({ problem: 'data.a.__proto__: a reserved key' });
    expect(measureSave({ level: 3, items: ['sword', null, true, 1.5], nested: { deep: { deeper: {} } }, constructor: 'fine' })).toHaveProperty('bytes');
  });

  test('a conflict names the current version last, where clients read it; empty when the slot holds none', () => {
    const stale = staleVersion('main', 'aaa', 'bbb');
    expect(stale).toMatchObject({ code: 9, errorCode: 'FAILED_PRECONDITION' });
    expect(stale.message).toBe('FAILED_PRECONDITION: slot main changed since version aaa: read it with save_get, merge, and write with its version; current_version=bbb');
    expect(currentVersionIn(stale.message)).toBe('bbb');
    const exists = staleVersion('main', '', 'ccc');
    expect(exists.message).toMatch(/^FAILED_PRECONDITION: slot main holds a save already: .*; current_version=ccc$/);
    expect(currentVersionIn(exists.message)).toBe('ccc');
    const gone = staleVersion('main', 'aaa', '');
    expect(gone.message).toMatch(/holds no save \(deleted, or never written\): create it with version ''; current_version=$/);
    expect(currentVersionIn(gone.message)).toBe('');
    expect(currentVersionIn('FAILED_PRECONDITION: something else')).toBeNull();
  });

  test('the slot cap is named with what the player holds', () => {
    expect(tooManySlots('QuizVerse', 5)).toMatchObject({ code: 9, message: 'FAILED_PRECONDITION: at most 5 save slots per player in QuizVerse (5 held): delete one first' });
  });
});
