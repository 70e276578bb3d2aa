import type { BrowserWindowConstructorOptions, WebContentsPrintOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createPrintService, type PrintWindow } from '../../../electron/main/print-service';

const PDF = Buffer.from('%PDF-1.7 receipt').toString('base64');

/** A BrowserWindow and its webContents faked: records what the service asks and answers as told. */
class FakePrintWindow implements PrintWindow {
  options: BrowserWindowConstructorOptions;
  loaded: string[] = [];
  printed: WebContentsPrintOptions[] = [];
  listeners = new Map<string, (event: { preventDefault(): void }) => void>();
  windowOpen: (() => { action: 'deny' }) | null = null;
  destroyed = false;
  constructor(
    options: BrowserWindowConstructorOptions,
    private readonly outcome: { load?: Error; print?: [boolean, string] | 'never' },
  ) {
    this.options = options;
  }
  webContents = {
    loadURL: async (url: string) => {
      this.loaded.push(url);
      if (this.outcome.load) throw this.outcome.load;
    },
    print: (options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void) => {
      this.printed.push(options);
      const answer = this.outcome.print ?? [true, ''];
      if (answer !== 'never') setTimeout(() => callback(answer[0], answer[1]), 0);
    },
    on: (event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }) => void) => {
      this.listeners.set(event, listener);
    },
    setWindowOpenHandler: (handler: () => { action: 'deny' }) => {
      this.windowOpen = handler;
    },
  };
  destroy() {
    this.destroyed = true;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

function serviceWith(outcome: ConstructorParameters<typeof FakePrintWindow>[1] = {}, timeoutMs?: number) {
  const windows: FakePrintWindow[] = [];
  const service = createPrintService({
    createWindow: (options) => {
      const window = new FakePrintWindow(options, outcome);
      windows.push(window);
      return window;
    },
    listPrinters: async () => [
      { name: 'Office_Laser', displayName: 'Office Laser', isDefault: true },
      { name: 'TM-T20', displayName: '' },
    ],
    timeoutMs,
  });
  return { service, windows };
}

const request = (overrides: Record<string, unknown> = {}) => ({
  kind: 'print',
  pdfBase64: PDF,
  printer: 'Office_Laser',
  pageSize: 'A4',
  silent: true,
  copies: 1,
  ...overrides,
});

describe('the print service in the main process', () => {
  it('loads the PDF as a data: URL into a hidden, sandboxed window without Node or preload', async () => {
    const { service, windows } = serviceWith();
    expect(await service.handle(request())).toEqual({ result: 'printed' });
    const [window] = windows;
    expect(window?.loaded).toEqual([`data:application/pdf;base64,${PDF}`]);
    expect(window?.options.show).toBe(false);
    expect(window?.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      devTools: false,
      partition: 'kassa-print',
    });
    expect(window?.options.webPreferences?.preload).toBeUndefined();
  });

  it('passes silent, deviceName, pageSize and copies to webContents.print', async () => {
    const { service, windows } = serviceWith();
    await service.handle(request({ silent: false, printer: 'TM-T20', pageSize: '80mm', copies: 2 }));
    expect(windows[0]?.printed).toEqual([
      {
        silent: false,
        deviceName: 'TM-T20',
        pageSize: { width: 80_000, height: 297_000 },
        copies: 2,
        printBackground: true,
      },
    ]);
    await service.handle(request({ pageSize: '58mm' }));
    expect(windows[1]?.printed[0]?.pageSize).toEqual({ width: 58_000, height: 297_000 });
    await service.handle(request({ pageSize: 'A4' }));
    expect(windows[2]?.printed[0]?.pageSize).toBe('A4');
  });

  it('answers the failure reason Electron gives, and destroys the window after', async () => {
    const { service, windows } = serviceWith({ print: [false, 'Invalid deviceName provided'] });
    expect(await service.handle(request())).toEqual({ result: 'failed', reason: 'Invalid deviceName provided' });
    expect(windows[0]?.destroyed).toBe(true);
  });

  it('destroys the window after a successful print too, and when the PDF cannot load', async () => {
    const ok = serviceWith();
    await ok.service.handle(request());
    expect(ok.windows[0]?.destroyed).toBe(true);
    const broken = serviceWith({ load: new Error('ERR_FAILED') });
    expect(await broken.service.handle(request())).toEqual({
      result: 'failed',
      reason: 'could not open the receipt: ERR_FAILED',
    });
    expect(broken.windows[0]?.destroyed).toBe(true);
    expect(broken.windows[0]?.printed).toEqual([]);
  });

  it('answers failed when the print callback never comes, and closes the window', async () => {
    const { service, windows } = serviceWith({ print: 'never' }, 20);
    expect(await service.handle(request())).toEqual({ result: 'failed', reason: 'the printer did not answer in time' });
    expect(windows[0]?.destroyed).toBe(true);
  });

  it('keeps the window on its PDF: navigation, redirects and new windows are refused', async () => {
    const { service, windows } = serviceWith();
    await service.handle(request());
    const window = windows[0];
    for (const name of ['will-navigate', 'will-redirect']) {
      let prevented = false;
      window?.listeners.get(name)?.({ preventDefault: () => (prevented = true) });
      expect(prevented).toBe(true);
    }
    expect(window?.windowOpen?.()).toEqual({ action: 'deny' });
  });

  it('refuses a request that does not parse without opening a window', async () => {
    const { service, windows } = serviceWith();
    for (const bad of [
      request({ pdfBase64: 'not base64!' }),
      request({ printer: '' }),
      request({ pageSize: 'Letter' }),
      request({ copies: 0 }),
      request({ extra: true }),
      { kind: 'shell', command: 'rm -rf /' },
      null,
    ]) {
      expect(await service.handle(bad)).toEqual({ result: 'failed', reason: 'request does not parse' });
    }
    expect(windows).toEqual([]);
  });

  it('lists the printers for Settings (display name falls back to the name)', async () => {
    const { service } = serviceWith();
    expect(await service.handle({ kind: 'printers' })).toEqual({
      result: 'printers',
      printers: [
        { name: 'Office_Laser', displayName: 'Office Laser', isDefault: true },
        { name: 'TM-T20', displayName: 'TM-T20', isDefault: false },
      ],
    });
  });
});
