/**
 * The word list (docs/retention.md "Names and chat"): names containing one are refused, chat
 * messages have them masked. Data, kept small and mild on purpose: lowercase letters only, each
 * matched as a whole word, case-insensitively, with simple leetspeak (`1d10t`), stretched letters
 * (`idiooot`) and a plural `s`. Operators add words without a build through the runtime env
 * `MODERATION_WORDS` (comma-separated), e.g. in config/nakama.yml:
 *   runtime: { env: ["MODERATION_WORDS=dolt,nitwit"] }
 */
export const BLOCKED_WORDS: string[] = [
  'idiot',
  'moron',
  'imbecile',
  'stupid',
  'dumbass',
  'loser',
  'jerk',
  'scumbag',
  'crap',
  'bastard',
];
