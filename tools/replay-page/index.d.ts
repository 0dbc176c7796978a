import type { Record } from '../replay';
/** What a page shows: the view it draws and the hash verdict; and the replayed record. */
export interface CapturedReplay { view: { kind: 'br' | 'quiz'; [key: string]: any }; verdict: { recorded: string | null; replayed: string | null; same: boolean }; replayed: Record }
export function writeReplayPage(record: Record, file: string, options?: { onProgress?: (done: number, total: number) => void }): Promise<CapturedReplay>;
export function renderPage(captured: CapturedReplay): string;
