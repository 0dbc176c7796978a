/** Every generated file (path relative to the repository -> text), from the built bundle and the sources. */
export function generate(bundlePath?: string): { [file: string]: string };
/** Writes them (client/schemas afresh); returns how many. */
export function writeGenerated(bundlePath?: string): number;
