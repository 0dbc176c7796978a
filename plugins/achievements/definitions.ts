import type { Rewards } from '../../core/economy';

/** An achievement as game designers write it (data; validated at build and start). */
export interface AchievementDefinition {
  /** snake_case, unique within the game. */
  id: string;
  name: string;
  description: string;
  /** The domain event that counts towards it, e.g. answer_correct. */
  event: string;
  /** How many such events unlock it (1 = simple). */
  target: number;
  /** Credited once, on unlock, to the player's per-game wallet. */
  rewards: Rewards;
}

const ID = /^[a-z][a-z0-9_]*$/;

/** Problems with a game's definitions, each naming the file, achievement and field. */
export function validateDefinitions(file: string, definitions: AchievementDefinition[], currencies: string[]): string[] {
  const problems: string[] = [];
  const seen: { [id: string]: true } = {};
  for (const d of definitions) {
    const where = `${file}: ${d.id}`;
    if (!ID.test(d.id)) problems.push(`${where}: id must be snake_case`);
    if (seen[d.id]) problems.push(`${where}: id is used twice`);
    seen[d.id] = true;
    if (!d.name) problems.push(`${where}: name is required`);
    if (!ID.test(d.event)) problems.push(`${where}: event must be an event type`);
    if (!Number.isInteger(d.target) || d.target < 1) problems.push(`${where}: target must be an integer >= 1`);
    for (const currency of Object.keys(d.rewards)) {
      if (currencies.indexOf(currency) < 0) problems.push(`${where}: rewards.${currency}: not a currency of this game (${currencies.join(', ')})`);
      if (!Number.isInteger(d.rewards[currency]) || d.rewards[currency] <= 0) problems.push(`${where}: rewards.${currency}: must be a positive integer`);
    }
  }
  return problems;
}
