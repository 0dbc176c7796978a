/**
 * The values of Nakama's sort order and score operators, typed as the official typings' enums.
 * nkruntime.SortOrder, Operator and OverrideOperator are ambient const enums there: nothing of them
 * exists at runtime, and under isolatedModules the compiler does not inline them.
 */
export const DESCENDING = 'descending' as nkruntime.SortOrder;
/** Score operators of a board: keep the best score, or the last one written. */
export const OPERATOR = { best: 'best' as nkruntime.Operator, set: 'set' as nkruntime.Operator };
/** The same operators, as a single record write overrides the board's. */
export const OVERRIDE = { best: 'best' as nkruntime.OverrideOperator, set: 'set' as nkruntime.OverrideOperator };
