'use strict';
/**
 * A game's op codes by name ({ ANSWER: 1, ... }), read from its generated message schemas
 * (client/schemas/messages/<game>/<name>.schema.json, x-op-code), so plain-JavaScript tools share
 * the protocols' numbers instead of copying them.
 */
const fs = require('fs');
const path = require('path');

const DIR = path.resolve(__dirname, '..', '..', 'client', 'schemas', 'messages');
const cache = {};

/** @param {'quizverse' | 'lasttolive'} game */
function opCodes(game) {
  if (!cache[game]) {
    const codes = {};
    for (const file of fs.readdirSync(path.join(DIR, game))) {
      codes[file.replace('.schema.json', '').toUpperCase()] = JSON.parse(fs.readFileSync(path.join(DIR, game, file), 'utf8'))['x-op-code'];
    }
    cache[game] = codes;
  }
  return cache[game];
}

module.exports = { opCodes };
