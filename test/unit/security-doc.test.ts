import fs from 'fs';
import path from 'path';
import type { DocumentKind } from '../../core/documents';
import { MODULE } from '../../main';

/** The module's TypeScript sources. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const file = path.join(dir, e.name);
    return e.isDirectory() ? sources(file) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [file] : [];
  });
}

describe('the storage registry', () => {
  test('collections and permissions are decided in core/documents.ts only, so no storage bypasses the registry', () => {
    const offenders = ['core', 'plugins', 'matches'].flatMap(sources).concat('main.ts')
      .filter((file) => file !== path.join('core', 'documents.ts') && file !== path.join('core', 'scope.ts'))
      .filter((file) => /permissionRead|permissionWrite|gameCollection\(/.test(fs.readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});

/** docs/security.md lists every kind of storage the module owns, as the registry declares it. */
describe('docs/security.md', () => {
  const text = fs.readFileSync('docs/security.md', 'utf8');
  const table = text.slice(text.indexOf('## Storage the module owns'));
  const rows = table.split('\n').filter((l) => /^\| [a-z_]+ \|/.test(l)).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));

  test('has one storage row per kind of the registry, with its collection, owner, permissions and player writes', () => {
    const kinds: DocumentKind<unknown>[] = MODULE.plugins.documents;
    const expected = kinds.map((k) => [
      k.name,
      `${k.collection || k.name}${k.global ? ' (global)' : ''}`,
      k.owner,
      `${k.owner === 'player' ? 1 : 0}, ${k.playerWrites ? 1 : 0}`,
      k.playerWrites ? `yes: ${k.playerWrites.maxBytes / 1024} KB per value, ${k.playerWrites.maxKeys} objects per player and game` : 'no',
    ]);
    expect(rows.sort()).toEqual(expected.sort());
  });
});
