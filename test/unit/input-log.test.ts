import { createInputLog, inputLogBytes, logInput, readInputLog } from '../../matches/shared/input-log';
import { createRng, seedRng } from '../../matches/shared/rng';

describe('record input log', () => {
  test('reads back every logged message with its tick, sender, op code and exact bytes, across buffer growth', () => {
    const rng = createRng(seedRng('input-log'));
    const log = createInputLog();
    const logged: [number, number | string, number, number[]][] = [];
    let tick = 0;
    for (let i = 0; i < 3000; i++) {
      tick += rng.int(3); // several messages per tick, and ticks without any
      const sender = rng.int(10) === 0 ? `user-${'x'.repeat(rng.int(200))}` : rng.int(300);
      const opCode = [1, 2, 127, 128, 300, 70000][rng.int(6)];
      const payload = Array.from({ length: rng.int(10) === 0 ? 300 + rng.int(700) : rng.int(20) }, () => rng.int(256));
      // The payload sits inside a larger buffer, as a message's bytes may.
      const bytes = new Uint8Array(payload.length + 8).fill(0xee).subarray(4, 4 + payload.length);
      bytes.set(payload);
      logInput(log, tick, sender, opCode, bytes, payload.length);
      logged.push([tick, sender, opCode, payload]);
    }
    expect(log.count).toBe(3000);
    const read = readInputLog(new Uint8Array(inputLogBytes(log)));
    expect(read.map(([t, s, o, p]) => [t, s, o, Array.from(p)])).toEqual(logged);
  });

  test('senders logged by a long user id never outgrow the buffer', () => {
    const log = createInputLog();
    const sender = `user-${'x'.repeat(200)}`;
    const payload = new Uint8Array([0x82, 0xa1, 0x78, 0x01, 0xa1, 0x79, 0x02]);
    for (let i = 0; i < 100; i++) logInput(log, i, sender, 1, payload, payload.length);
    const read = readInputLog(new Uint8Array(inputLogBytes(log)));
    expect(read).toHaveLength(100);
    expect(read.every(([, s, , p]) => s === sender && Array.from(p).join() === Array.from(payload).join())).toBe(true);
  });

  test('an empty log reads as no messages', () => {
    expect(readInputLog(new Uint8Array(inputLogBytes(createInputLog())))).toEqual([]);
  });
});
