'use strict';
/**
 * `npm run replay -- <match id | record.json> --html out.html`: one self-contained page (no network,
 * no files beside it) showing a replayed match. LastToLive: a top-down map with players by team,
 * shots, the zone and its next circle, the kill feed, and a timeline scrubber with play/pause and
 * speed. QuizVerse: a board per round (question, each player's answer, time, points and score) and
 * the standings. Both show the hash verdict. test/harness/replay-page.test.ts opens pages in Chromium.
 */
const fs = require('fs');
const path = require('path');
const { captureReplay } = require('./capture');

const VIEWER = fs.readFileSync(path.join(__dirname, 'viewer.js'), 'utf8');

const STYLE = `
body { font: 14px system-ui, sans-serif; margin: 16px; color: #222; }
h1 { font-size: 18px; margin: 0 0 4px; } #facts { color: #666; margin: 0 0 8px; }
#verdict { padding: 6px 10px; border-radius: 4px; font-weight: 600; display: inline-block; }
#verdict.ok { background: #e3f6e5; color: #1b5e20; } #verdict.bad { background: #fdecea; color: #b71c1c; }
#br { display: flex; gap: 16px; margin-top: 12px; } #br[hidden], #quiz[hidden] { display: none; }
#map { width: 640px; height: 640px; background: #f4f1e8; border: 1px solid #ccc; }
.player.dead { fill: #9e9e9e; opacity: 0.6; } .shot.hit { stroke: #d32f2f; } .shot.miss { stroke: #fb8c00; }
#controls { margin: 8px 0; display: flex; gap: 8px; align-items: center; } #scrub { width: 420px; }
#readout span { font-weight: 600; } #feed { max-height: 300px; overflow: auto; padding-left: 18px; }
#legend { list-style: none; padding: 0; columns: 2; } .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; }
table { border-collapse: collapse; margin: 6px 0 12px; } td, th { border: 1px solid #ddd; padding: 3px 8px; text-align: left; }
.choices .correct { font-weight: 600; color: #1b5e20; } td.correct { color: #1b5e20; } td.wrong { color: #b71c1c; }
.round { border-top: 1px solid #eee; padding-top: 6px; }
`;

const BODY = `
<h1 id="title"></h1><p id="facts"></p><div id="verdict"></div>
<div id="br" hidden>
  <div>
    <div id="controls"><button id="play">Play</button>
      <input id="scrub" type="range" min="0" value="0" step="1">
      <label>speed <select id="speed"><option>0.5</option><option selected>1</option><option>2</option><option>4</option><option>8</option></select></label></div>
    <svg id="map" xmlns="http://www.w3.org/2000/svg"></svg>
  </div>
  <div>
    <p id="readout">tick <span id="tick"></span> · <span id="phase"></span> · alive <span id="alive"></span> · teams <span id="teams"></span></p>
    <h3>Kill feed</h3><ol id="feed"></ol>
    <h3>Players</h3><ul id="legend"></ul>
  </div>
</div>
<div id="quiz" hidden>
  <h2>Standings</h2>
  <table><tr><th>place</th><th>player</th><th>score</th><th>correct</th><th>best streak</th><th></th></tr><tbody id="standings"></tbody></table>
  <h2>Rounds</h2><div id="rounds"></div>
</div>`;

/** The page for a captured replay. */
function renderPage(captured) {
  // '<' escaped: the data cannot close its script element, whatever a player named themselves.
  const json = JSON.stringify({ view: captured.view, verdict: captured.verdict }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Replay ${captured.view.match_id}</title><style>${STYLE}</style></head>
<body>${BODY}
<script type="application/json" id="replay-data">${json}</script>
<script>${VIEWER}</script>
</body></html>
`;
}

/** Replays the record and writes its page; returns what was captured ({ view, verdict, replayed }). */
async function writeReplayPage(record, file, options = {}) {
  const captured = await captureReplay(record, options);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, renderPage(captured));
  return captured;
}

module.exports = { writeReplayPage, renderPage };
