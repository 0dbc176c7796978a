export function findChromium(): string | null;
export function ensureChromium(log?: (message: string) => void): string;
export const CHROMIUM_ARGS: string[];
