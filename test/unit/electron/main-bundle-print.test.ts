import { beforeAll, describe, expect, it } from 'vitest';
import { builtBundles } from './support/built-bundle';

let main = '';
let core = '';
beforeAll(() => {
  ({ main, core } = builtBundles());
}, 120_000);

/** The desktop printing path as shipped: read from the built bundles (no Electron binary here). */
describe('the built bundles print through the main process', () => {
  it("answers the core's host requests with the print service", () => {
    expect(main).toMatch(/message\.type === "host-request"\) answerHostRequest\(current, message\)/);
    expect(main).toMatch(/onHostRequest: printService\.handle/);
    expect(main).toMatch(/type: "host-answer"/);
    expect(main).toMatch(/getPrintersAsync\(\)/);
  });

  it('prints in a hidden window that is sandboxed, without Node, preload or DevTools, in its own hardened session', () => {
    const options = main.slice(main.indexOf('var PRINT_WINDOW_OPTIONS = {'));
    const block = options.slice(0, options.indexOf('};'));
    expect(block).toMatch(/show: false/);
    expect(block).toMatch(/\.\.\.SECURE_WEB_PREFERENCES/);
    expect(block).toMatch(/preload: void 0/);
    expect(block).toMatch(/devTools: false/);
    expect(block).toMatch(/partition: "kassa-print"/);
    const secure = main.slice(main.indexOf('var SECURE_WEB_PREFERENCES = {'));
    const prefs = secure.slice(0, secure.indexOf('};'));
    expect(prefs).toMatch(/sandbox: true/);
    expect(prefs).toMatch(/nodeIntegration: false/);
    expect(prefs).toMatch(/contextIsolation: true/);
    expect(main).toMatch(/createWindow: \(options\) => new electron\.BrowserWindow\(options\)/);
    expect(main).toMatch(
      /hardenSession\(electron\.session\.fromPartition\(PRINT_WINDOW_OPTIONS\.webPreferences\.partition\)\)/,
    );
  });

  it('loads only the PDF data: URL and prints with the given printer, page size and silent flag', () => {
    expect(main).toMatch(/loadURL\(`data:application\/pdf;base64,\$\{request\.pdfBase64\}`\)/);
    expect(main).toMatch(
      /silent: request\.silent,\s*deviceName: request\.printer,\s*pageSize: electronPageSize\(request\.pageSize\)/,
    );
    expect(main).toMatch(/window\.destroy\(\)/);
  });

  it('the core sends electron: print jobs to the main process', () => {
    expect(core).toMatch(/type: "host-request"/);
    expect(core).toMatch(/hostPrinter\.answered\(data\)/);
    expect(core).toMatch(/startsWith\("electron:"\)/);
  });
});
