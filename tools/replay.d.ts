/** A match record as match_record_get returns it (see matches/shared/match-record.ts). */
export type Record = { [key: string]: any };
export function loadRecord(source: string): Promise<Record>;
export function replay(record: Record, opts?: { onProgress?: (done: number, total: number) => void }): Promise<Record>;
/** The record a harness match stored (as match_record_get returns it), or null. */
export function storedRecord(h: unknown, matchId: string): Record | null;
export function senderId(record: Record, sender: number | string): string;
