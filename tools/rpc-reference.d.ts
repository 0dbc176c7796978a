export interface RpcDoc { plugin: string; games: string[]; id: string; access: string; scope?: string; effect: string; limit: { calls: number; windowSeconds: number }; description: string; response: string; payload: Record<string, Record<string, unknown>>; errors?: Record<string, string> }
export interface Declarations { rpcs: RpcDoc[]; games: { id: string; name: string }[]; errors: Record<string, { grpc: number; message: string }> }
export function readDeclarations(bundlePath?: string): Declarations;
export function renderReference(declarations: Declarations): string;
export const REFERENCE: string;
