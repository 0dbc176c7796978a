/** A match record as match_record_get returns it (see matches/shared/match-record.ts). */
export type Record = { [key: string]: any };
export function loadRecord(source: string): Promise<Record>;
/** onTick sees the harness match after every tick, with the client messages sent in it. */
export function replay(record: Record, opts?: { onProgress?: (done: number, total: number) => void; onTick?: (match: any, sent: { userId: string; opCode: number; payload: unknown }[]) => void }): Promise<Record>;
/** The record a harness match stored (as match_record_get returns it), or null. */
export function storedRecord(h: unknown, matchId: string): Record | null;
export function senderId(record: Record, sender: number | string): string;
