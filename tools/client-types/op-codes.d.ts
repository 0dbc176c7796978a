/** A game's op codes by name, from its generated message schemas. */
export function opCodes(game: 'quizverse' | 'lasttolive'): { [name: string]: number };
