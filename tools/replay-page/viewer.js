/* The visual replay page's script (inlined by tools/replay-page/index.js): draws window's #replay-data. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('replay-data').textContent);
  var view = data.view;
  var SVG = 'http://www.w3.org/2000/svg';
  var $ = function (id) { return document.getElementById(id); };
  var el = function (tag, attrs, text) {
    var node = tag.indexOf('svg:') === 0 ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  };

  $('title').textContent = (view.module === 'br' ? 'LastToLive' : 'QuizVerse') + ' ' + view.mode + ' - match ' + view.match_id;
  $('facts').textContent = view.players.length + ' players, seed ' + view.seed + ', ended ' + view.ending + ' at tick ' + view.end_tick;
  var verdict = $('verdict');
  verdict.className = data.verdict.same ? 'ok' : 'bad';
  verdict.textContent = data.verdict.same
    ? 'REPLAY MATCHES: identical final state (' + data.verdict.replayed + ')'
    : data.verdict.recorded
      ? 'REPLAY DIFFERS: recorded ' + data.verdict.recorded + ', replayed ' + data.verdict.replayed
      : 'NO FINAL STATE RECORDED (the match was ' + view.ending + '); the log replayed to ' + data.verdict.replayed;

  if (view.kind === 'br') battleRoyale(); else quiz();

  function battleRoyale() {
    $('br').hidden = false;
    var size = view.mapSize;
    var map = $('map');
    map.setAttribute('viewBox', '0 0 ' + size + ' ' + size);
    var teamColour = function (team) { return 'hsl(' + ((team * 137) % 360) + ', 70%, 45%)'; };
    var zone = el('svg:circle', { id: 'zone', fill: 'none', stroke: '#1e88e5', 'stroke-width': size / 250 });
    var target = el('svg:circle', { id: 'zone-target', fill: 'none', stroke: '#1e88e5', 'stroke-dasharray': size / 100, 'stroke-width': size / 500 });
    var shots = el('svg:g', { id: 'shots' });
    map.appendChild(zone);
    map.appendChild(target);
    map.appendChild(shots);
    var dots = view.players.map(function (p) {
      var dot = el('svg:circle', { r: size / 120, fill: teamColour(p.team), 'data-slot': p.slot });
      dot.appendChild(el('svg:title', {}, p.username + ' (team ' + p.team + ')'));
      map.appendChild(dot);
      return dot;
    });
    var legend = $('legend');
    view.players.forEach(function (p) {
      var item = el('li', {}, ' ' + p.username + ' - team ' + p.team);
      item.insertBefore(el('span', { class: 'swatch', style: 'background:' + teamColour(p.team) }), item.firstChild);
      legend.appendChild(item);
    });
    var scrub = $('scrub');
    scrub.max = String(view.frames.length - 1);
    var rangeOf = function (weapon) { return (view.weapons.filter(function (w) { return w.id === weapon; })[0] || { range: size / 10 }).range; };
    var nameOf = function (slot) { return slot < 0 ? 'the zone' : view.players[slot].username; };

    function draw(i) {
      var f = view.frames[i];
      dots.forEach(function (dot, slot) {
        var hp = f.p[slot * 3 + 2];
        dot.setAttribute('cx', f.p[slot * 3]);
        dot.setAttribute('cy', f.p[slot * 3 + 1]);
        dot.setAttribute('class', hp > 0 ? 'player alive' : 'player dead');
      });
      zone.setAttribute('cx', f.zone[0]); zone.setAttribute('cy', f.zone[1]); zone.setAttribute('r', f.zone[2]);
      var phase = view.zones.filter(function (z) { return z.tick <= f.tick; }).pop();
      if (phase) { target.setAttribute('cx', phase.to[0]); target.setAttribute('cy', phase.to[1]); target.setAttribute('r', phase.to[2]); }
      while (shots.firstChild) shots.removeChild(shots.firstChild);
      view.shots.filter(function (s) { return s.tick <= f.tick && s.tick > f.tick - 3; }).forEach(function (s) {
        var x = f.p[s.slot * 3], y = f.p[s.slot * 3 + 1], tx, ty;
        if (s.hit >= 0) { tx = f.p[s.hit * 3]; ty = f.p[s.hit * 3 + 1]; } else {
          var len = Math.sqrt(s.dx * s.dx + s.dy * s.dy) || 1;
          tx = x + (s.dx / len) * rangeOf(s.weapon); ty = y + (s.dy / len) * rangeOf(s.weapon);
        }
        shots.appendChild(el('svg:line', { class: s.hit >= 0 ? 'shot hit' : 'shot miss', x1: x, y1: y, x2: tx, y2: ty, 'stroke-width': size / 600 }));
      });
      $('tick').textContent = String(f.tick);
      $('alive').textContent = String(f.alive);
      $('teams').textContent = String(f.teamsAlive);
      $('phase').textContent = f.phase;
      var feed = $('feed');
      feed.textContent = '';
      view.feed.filter(function (k) { return k.tick <= f.tick; }).reverse().forEach(function (k) {
        feed.appendChild(el('li', {}, 'tick ' + k.tick + ': ' + nameOf(k.killer) + ' eliminated ' + nameOf(k.victim) + ' (' + k.weapon + (k.distance ? ', ' + k.distance + ' m' : '') + ')' + (k.placement ? ' - team placed ' + k.placement : '')));
      });
      scrub.value = String(i);
    }

    var frame = 0, playing = false, last = null, carry = 0;
    function loop(now) {
      if (!playing) return;
      // Time from the animation frames alone (a frame's time may precede the click that started play).
      if (last !== null) carry += (Math.max(0, now - last) / 1000) * view.tickRate * Number($('speed').value);
      last = now;
      var steps = Math.floor(carry);
      carry -= steps;
      frame = Math.min(view.frames.length - 1, frame + steps);
      draw(frame);
      if (frame >= view.frames.length - 1) toggle(false); else requestAnimationFrame(loop);
    }
    function toggle(on) {
      playing = on;
      $('play').textContent = on ? 'Pause' : 'Play';
      if (on) { if (frame >= view.frames.length - 1) frame = 0; last = null; carry = 0; requestAnimationFrame(loop); }
    }
    $('play').addEventListener('click', function () { toggle(!playing); });
    scrub.addEventListener('input', function () { toggle(false); frame = Number(scrub.value); draw(frame); });
    draw(0);
  }

  function quiz() {
    $('quiz').hidden = false;
    var nameOf = function (userId) { return (view.players.filter(function (p) { return p.userId === userId; })[0] || { username: userId }).username; };
    var standings = $('standings');
    ((view.result && view.result.standings) || []).forEach(function (s) {
      var row = el('tr', { class: 'standing', 'data-user': s.userId });
      [s.placement, s.username, s.score, s.correctAnswers, s.bestStreak, s.forfeited ? 'forfeited' : ''].forEach(function (v) { row.appendChild(el('td', {}, String(v))); });
      standings.appendChild(row);
    });
    var rounds = $('rounds');
    view.rounds.forEach(function (r) {
      var section = el('section', { class: 'round', 'data-round': r.round });
      section.appendChild(el('h3', {}, 'Round ' + r.round + ' - ' + r.category + ', difficulty ' + r.difficulty));
      section.appendChild(el('p', { class: 'question' }, r.text));
      var choices = el('ol', { class: 'choices', start: '0' });
      r.choices.forEach(function (c, i) { choices.appendChild(el('li', { class: i === r.correctChoice ? 'correct' : '' }, c)); });
      section.appendChild(choices);
      var table = el('table', {});
      var head = el('tr', {});
      ['player', 'answer', 'time', 'result', 'points', 'score'].forEach(function (h) { head.appendChild(el('th', {}, h)); });
      table.appendChild(head);
      view.players.forEach(function (p) {
        var a = r.answers[p.userId];
        var total = (r.scores.filter(function (s) { return s.userId === p.userId; })[0] || {}).score;
        var row = el('tr', { class: 'answer', 'data-user': p.userId });
        [p.username, a ? r.choices[a.choice] : '(no answer)', a ? a.seconds.toFixed(1) + ' s' : '', a ? (a.correct ? 'correct' : 'wrong') : '', a ? String(a.points || 0) : '0', total === undefined ? '' : String(total)]
          .forEach(function (v, i) { row.appendChild(el('td', i === 3 ? { class: v } : {}, v)); });
        table.appendChild(row);
      });
      section.appendChild(table);
      if (r.fastest) section.appendChild(el('p', { class: 'fastest' }, 'Fastest correct: ' + nameOf(r.fastest)));
      rounds.appendChild(section);
    });
  }
})();
