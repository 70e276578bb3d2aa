import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findImportCycles } from './import-cycles';

describe('no import cycles', () => {
  it('in the core, the shared code, the renderer, the back-office, the demo and the fakes', () => {
    expect(findImportCycles(['electron', 'shared', 'renderer', 'backoffice', 'demo', 'fakes'])).toEqual([]);
  });

  it('are found, type-only ones too, however the import is written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kassa-cycles-'));
    mkdirSync(join(dir, 'db'));
    writeFileSync(join(dir, 'db', 'index.ts'), "import type {\n  Db,\n} from '../open';\nexport const x = 1;\n");
    writeFileSync(join(dir, 'open.ts'), "// import { nothing } from './db';\nexport * from './db';\n");
    writeFileSync(join(dir, 'lazy.ts'), "export const load = () => import('./later');\n");
    writeFileSync(join(dir, 'later.ts'), "import './lazy';\n");
    writeFileSync(join(dir, 'fine.ts'), "import { x } from './db';\nexport const y = x;\n");
    const cycles = findImportCycles(['.'], dir).map((cycle) => cycle.join(' → '));
    expect(cycles.sort()).toEqual(['db/index.ts → open.ts → db/index.ts', 'later.ts → lazy.ts → later.ts']);
  });
});
