import fs from 'fs';
import type { DocumentKind } from '../../core/documents';
import { MODULE } from '../../main';

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
