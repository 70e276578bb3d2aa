import { describe, expect, it } from 'vitest';
import { coreEnvironment } from '../../../electron/main/core-env';

describe("the core's environment", () => {
  const parent = {
    PATH: '/usr/bin',
    HOME: '/home/shop',
    LANG: 'nl_NL.UTF-8',
    LC_ALL: 'nl_NL.UTF-8',
    HTTPS_PROXY: 'http://proxy:3128',
    KASSA_DEMO: '0',
    KASSA_PAYNL_TOKEN: 'AT-1',
    KASSA_SECRET_KEY: 'leaked-by-mistake',
    NODE_OPTIONS: '--require /tmp/evil.js',
    ELECTRON_RUN_AS_NODE: '1',
    GITHUB_TOKEN: 'ghp_x',
    AWS_SECRET_ACCESS_KEY: 'y',
  };

  it('gets its own KASSA_* settings and what the OS needs, nothing else', () => {
    const env = coreEnvironment(parent, { KASSA_DATA_DIR: '/data', KASSA_VERSION: '1.2.3' });
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/shop',
      LANG: 'nl_NL.UTF-8',
      LC_ALL: 'nl_NL.UTF-8',
      HTTPS_PROXY: 'http://proxy:3128',
      KASSA_DEMO: '0',
      KASSA_PAYNL_TOKEN: 'AT-1',
      KASSA_DATA_DIR: '/data',
      KASSA_VERSION: '1.2.3',
    });
  });

  it('never carries the data key, even when passed as its own setting', () => {
    expect(coreEnvironment(parent, { KASSA_SECRET_KEY: 'x' })).not.toHaveProperty('KASSA_SECRET_KEY');
  });

  it("lets the main process's fixed values win (KASSA_PACKAGED cannot be switched off from outside)", () => {
    const env = coreEnvironment({ ...parent, KASSA_PACKAGED: '0' }, { KASSA_PACKAGED: '1' });
    expect(env.KASSA_PACKAGED).toBe('1');
  });
});
