import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parseBrowserModeOptions } from '../../../electron/core/server/options';

describe('browser mode flags and environment', () => {
  it('uses the documented defaults', () => {
    const options = parseBrowserModeOptions([], {});
    expect(options.port).toBe(DEFAULT_PORT);
    expect(options.dataDir).toMatch(/\.kassa$/);
  });

  it('takes KASSA_PORT and KASSA_DATA_DIR, and flags over both', () => {
    expect(parseBrowserModeOptions([], { KASSA_PORT: '5000', KASSA_DATA_DIR: '/tmp/a' })).toMatchObject({
      port: 5000,
      dataDir: '/tmp/a',
    });
    expect(
      parseBrowserModeOptions(['--port', '6000', '--data-dir=/tmp/b'], {
        KASSA_PORT: '5000',
        KASSA_DATA_DIR: '/tmp/a',
      }),
    ).toMatchObject({ port: 6000, dataDir: '/tmp/b' });
  });

  it('refuses a port that is not a port', () => {
    expect(() => parseBrowserModeOptions(['--port', 'abc'], {})).toThrow(/invalid port/);
    expect(() => parseBrowserModeOptions(['--port', '70000'], {})).toThrow(/invalid port/);
  });
});
