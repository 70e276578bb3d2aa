import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIOME = join('node_modules', '.bin', 'biome');

/** Lints a probe file placed in `folder` (biome.json's zones go by path), then removes it. */
function lintProbe(folder: string, source: string): { restricted: boolean; output: string } {
  const file = join(folder, `lint-zone-probe-${randomBytes(4).toString('hex')}.ts`);
  writeFileSync(file, source);
  try {
    const run = spawnSync(BIOME, ['lint', '--colors=off', file], { encoding: 'utf8' });
    const output = `${run.stdout}${run.stderr}`;
    return { restricted: output.includes('lint/style/noRestrictedImports'), output };
  } finally {
    rmSync(file, { force: true });
  }
}

describe('lint zones (biome.json)', () => {
  it('refuse fakes/, demo/ and backoffice/ in the core, but let it use the back-office contract in shared/', () => {
    const fake = lintProbe('electron/core/sync', "export { startVippsFake } from '../../../fakes/vipps/vipps-fake';\n");
    expect(fake.restricted).toBe(true);
    expect(fake.output).toMatch(/must not import fakes\/, demo\/ or backoffice\//);
    expect(lintProbe('electron/core', "export { createDemo } from '../../demo';\n").restricted).toBe(true);
    expect(
      lintProbe('electron/core/sync', "export { startBackofficeServer } from '../../../backoffice/server';\n")
        .restricted,
    ).toBe(true);
    expect(
      lintProbe('electron/core/sync', "export { BoCustomer } from '../../../shared/backoffice/schemas';\n").restricted,
    ).toBe(false);
  });

  it('tell the top-level folders from the core’s own folders of the same name', () => {
    expect(
      lintProbe('electron/core/api', "export { createBackofficeHandlers } from './handlers/backoffice';\n").restricted,
    ).toBe(false);
  });

  it("let the hosts build the demo, refuse the back-office the core's internals and fakes any Kassa type", () => {
    expect(lintProbe('electron/core/hosts', "export { createDemo } from '../../../demo';\n").restricted).toBe(false);
    expect(
      lintProbe('backoffice', "export { openDatabase } from '../electron/core/db/open-database';\n").restricted,
    ).toBe(true);
    expect(
      lintProbe('fakes/vipps', "export type { VippsConfig } from '../../electron/core/payments/vipps/vipps-config';\n")
        .restricted,
    ).toBe(true);
    expect(lintProbe('electron/main', "export { tokensMatch } from '../core/server/security';\n").restricted).toBe(
      true,
    );
  });
});
