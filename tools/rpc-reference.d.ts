export interface RpcDoc { plugin: string; games: string[]; id: string; access: string; scope?: string; effect: string; limit: { calls: number; windowSeconds: number }; description: string; response: string; payload: Record<string, Record<string, unknown>> }
export interface Declarations { rpcs: RpcDoc[]; games: { id: string; name: string }[] }
export function readDeclarations(bundlePath?: string): Declarations;
export function renderReference(declarations: Declarations): string;
export const REFERENCE: string;
