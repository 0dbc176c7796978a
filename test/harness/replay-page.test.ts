import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { pack, unpack } from 'msgpackr';
import { chromium, type Browser } from 'playwright-core';
import { LASTTOLIVE } from '../../matches/br/game-lasttolive';
import { BR_RULES } from '../../matches/br/rules';
import { maxMatchTicks } from '../../matches/br/zone';
import { CHROMIUM_ARGS, ensureChromium } from '../../tools/chromium';
import { replay, storedRecord } from '../../tools/replay';
import { writeReplayPage } from '../../tools/replay-page';
import { createClientBot } from '../support/br-client-bot';
import { loadHarness, playDuel } from '../support/harness-duel';

const RUN = path.join(__dirname, '..', '..', '.run');

/** A seeded 6-player solo LastToLive match played to its end by client bots; its record. */
async function playedBattleRoyale() {
  const h = await loadHarness('replay-page-br');
  try {
    const users = ['ada', 'bo', 'cy', 'di', 'ed', 'flo'].map((username) => h.createUser({ username }));
    const matchId = h.matchmake(users.map((u) => ({ presence: u, properties: { game_id: LASTTOLIVE.id, mode: 'solo' }, minCount: 2, maxCount: 100 })))!;
    const match = h.match(matchId);
    for (const u of users) match.join(u);
    match.flush();
    const bots = users.map((u) => createClientBot(u));
    const limit = maxMatchTicks(BR_RULES.settings);
    while (!match.ended && match.currentTick < limit) {
      users.forEach((u, k) => {
        for (const m of match.received(u)) for (const out of bots[k].receive(m.opCode, unpack(m.data)) || []) match.send(u, out.opCode, new Uint8Array(pack(out.payload)));
        match.clearReceived(u);
      });
      match.tick();
    }
    expect(match.ended).toBe(true);
    return storedRecord(h, matchId)!;
  } finally {
    h.dispose();
  }
}

describe('the visual replay page (npm run replay -- <match> --html out.html) in headless Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
  });
  afterAll(async () => { await browser?.close(); });

  test('LastToLive: scrubbing to a tick draws the players alive in the state at that tick; play advances the timeline', async () => {
    const record = await playedBattleRoyale();
    const file = path.join(RUN, 'replay-br.html');
    const captured = await writeReplayPage(record, file);
    expect(captured.verdict).toEqual({ recorded: record.final_state_hash, replayed: record.final_state_hash, same: true });

    // The state itself, tick by tick, from a second replay: what the page must show.
    const aliveAt: { [tick: number]: number } = {};
    await replay(record, {
      onTick: (m) => {
        if (!m.ended) aliveAt[m.currentTick - 1] = JSON.parse(m.signal('state')).players.filter((p: { hp: number }) => p.hp > 0).length;
      },
    });
    const firstKill = captured.view.feed[0];
    expect(firstKill).toBeDefined();
    const ticks = captured.view.frames.map((f: { tick: number }) => f.tick);

    const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    await page.goto(`file://${file}`);
    expect(await page.textContent('#verdict')).toContain('REPLAY MATCHES: identical final state');
    for (const tick of [firstKill.tick - 1, firstKill.tick, record.end_tick - 1]) { // end_tick's loop ended the match: no state after it
      const index = ticks.indexOf(tick);
      expect(index).toBeGreaterThanOrEqual(0);
      await page.$eval('#scrub', (el, i) => { (el as HTMLInputElement).value = String(i); el.dispatchEvent(new Event('input')); }, index);
      expect(await page.textContent('#tick')).toBe(String(tick));
      expect(Number(await page.textContent('#alive'))).toBe(aliveAt[tick]);
      expect(await page.locator('circle.player.alive').count()).toBe(aliveAt[tick]);
      expect(await page.locator('circle.player').count()).toBe(6);
    }
    expect(aliveAt[firstKill.tick]).toBe(aliveAt[firstKill.tick - 1] - 1);
    expect(await page.locator('#feed li').count()).toBe(captured.view.feed.length); // at the last tick: every elimination
    await page.$eval('#scrub', (el) => { (el as HTMLInputElement).value = '0'; el.dispatchEvent(new Event('input')); });
    await page.selectOption('#speed', '8');
    await page.click('#play');
    await page.waitForFunction(() => Number(document.getElementById('tick')!.textContent) > 20);
    await page.click('#play');
    await page.$eval('#scrub', (el, i) => { (el as HTMLInputElement).value = String(i); el.dispatchEvent(new Event('input')); }, ticks.indexOf(firstKill.tick) + 2);
    fs.mkdirSync(RUN, { recursive: true });
    await page.screenshot({ path: path.join(RUN, 'replay-br.png') });
    await page.close();
  }, 120000);

  test('QuizVerse: a board per round with each answer, its time and points, the standings and the verdict', async () => {
    const h = await loadHarness('replay-page-quiz');
    let record;
    try {
      const { matchId } = playDuel(h); // alice answers every question right, bob every one wrong
      record = storedRecord(h, matchId)!;
    } finally {
      h.dispose();
    }
    // Through the command QA runs: npm run replay -- <record.json> --html <page>.
    fs.mkdirSync(RUN, { recursive: true });
    const recordFile = path.join(RUN, 'replay-quiz-record.json');
    const file = path.join(RUN, 'replay-quiz.html');
    fs.writeFileSync(recordFile, JSON.stringify(record));
    fs.rmSync(file, { force: true });
    const cli = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'tools', 'replay.js'), recordFile, '--html', file], { encoding: 'utf8' });
    expect(cli.stdout).toContain(`wrote the visual replay to ${file}`);
    expect(cli.stdout).toContain('REPLAY MATCHES: identical final state');
    expect(cli.status).toBe(0);
    const captured = JSON.parse(/<script type="application\/json" id="replay-data">(.*)<\/script>/.exec(fs.readFileSync(file, 'utf8'))![1]);
    const [alice, bob] = record.players.map((p: { userId: string }) => p.userId);

    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
    await page.goto(`file://${file}`);
    expect(await page.textContent('#verdict')).toContain('REPLAY MATCHES');
    expect(await page.locator('section.round').count()).toBe(5);
    expect(await page.locator('section.round').first().locator('.question').textContent()).toBe(captured.view.rounds[0].text);
    expect(await page.locator(`tr.answer[data-user="${alice}"] td.correct`).count()).toBe(5);
    expect(await page.locator(`tr.answer[data-user="${bob}"] td.wrong`).count()).toBe(5);
    const firstRound = captured.view.rounds[0];
    const aliceCells = await page.locator(`section.round[data-round="1"] tr.answer[data-user="${alice}"] td`).allTextContents();
    expect(aliceCells).toEqual(['alice', firstRound.choices[firstRound.correctChoice], `${firstRound.answers[alice].seconds.toFixed(1)} s`, 'correct', String(firstRound.answers[alice].points), String(firstRound.scores[0].score)]);
    expect(await page.locator('tr.standing').first().getAttribute('data-user')).toBe(alice);
    await page.screenshot({ path: path.join(RUN, 'replay-quiz.png'), fullPage: true });
    await page.close();
  }, 120000);
});
