import type { BrowserWindowConstructorOptions, WebContentsPrintOptions } from 'electron';
import {
  type HostAnswer,
  type HostPrinterInfo,
  HostPrintRequest,
  HostRequestBody,
  type PrintPageSize,
} from '../../shared/host/print-protocol';
import { SECURE_WEB_PREFERENCES } from './security';

/** The slice of a BrowserWindow the print service uses (faked in the tests). */
export interface PrintWindow {
  readonly webContents: {
    loadURL(url: string): Promise<void>;
    print(options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void;
    on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }) => void): void;
    setWindowOpenHandler(handler: () => { action: 'deny' }): void;
  };
  destroy(): void;
  isDestroyed(): boolean;
}

/**
 * The hidden print window: sandboxed, isolated, no Node, no preload, no DevTools, its own in-memory
 * session; it shows one PDF given as a data: URL and cannot navigate or open anything.
 * `plugins` turns on Chromium's PDF viewer, which is what lays the PDF out for printing.
 */
export const PRINT_WINDOW_OPTIONS = {
  show: false,
  width: 800,
  height: 1100,
  webPreferences: {
    ...SECURE_WEB_PREFERENCES,
    preload: undefined,
    devTools: false,
    plugins: true,
    partition: 'kassa-print',
  },
} satisfies BrowserWindowConstructorOptions;

/** Electron's page sizes: A4 by name, thermal rolls by width in microns (the length is what a receipt needs). */
export function electronPageSize(size: PrintPageSize): WebContentsPrintOptions['pageSize'] {
  if (size === 'A4') return 'A4';
  return { width: size === '80mm' ? 80_000 : 58_000, height: 297_000 };
}

export interface PrintServiceDeps {
  createWindow: (options: BrowserWindowConstructorOptions) => PrintWindow;
  /** The operating system's printers (`webContents.getPrintersAsync()` of the app window). */
  listPrinters: () => Promise<Array<{ name: string; displayName?: string; isDefault?: boolean }>>;
  log?: (line: string) => void;
  /** A print that neither finishes nor fails in this time is answered as failed and its window closed. */
  timeoutMs?: number;
}

/**
 * Answers the core's host requests: prints a receipt PDF on a named printer (silent where the
 * manager set it so), and lists the printers for Settings. One hidden window per print, destroyed after.
 */
export function createPrintService(deps: PrintServiceDeps) {
  const log = deps.log ?? (() => {});

  async function print(request: HostPrintRequest): Promise<HostAnswer> {
    const window = deps.createWindow(PRINT_WINDOW_OPTIONS);
    const contents = window.webContents;
    // Only the data: URL given to loadURL below is ever shown; any navigation or new window is refused.
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    try {
      await contents.loadURL(`data:application/pdf;base64,${request.pdfBase64}`);
      const options: WebContentsPrintOptions = {
        silent: request.silent,
        deviceName: request.printer,
        pageSize: electronPageSize(request.pageSize),
        copies: request.copies,
        printBackground: true,
      };
      return await new Promise<HostAnswer>((resolve) => {
        const timer = setTimeout(
          () => resolve({ result: 'failed', reason: 'the printer did not answer in time' }),
          deps.timeoutMs ?? 120_000,
        );
        contents.print(options, (success, failureReason) => {
          clearTimeout(timer);
          resolve(success ? { result: 'printed' } : { result: 'failed', reason: failureReason || 'print failed' });
        });
      });
    } catch (error) {
      return {
        result: 'failed',
        reason: `could not open the receipt: ${error instanceof Error ? error.message : error}`,
      };
    } finally {
      if (!window.isDestroyed()) window.destroy();
    }
  }

  async function printers(): Promise<HostPrinterInfo[]> {
    const found = await deps.listPrinters();
    return found.map((printer) => ({
      name: printer.name,
      displayName: printer.displayName || printer.name,
      isDefault: printer.isDefault === true,
    }));
  }

  return {
    /** Whatever the core sent is parsed here again: the port is a trust boundary like IPC. */
    async handle(request: unknown): Promise<HostAnswer> {
      const parsed = HostRequestBody.safeParse(request);
      if (!parsed.success) return { result: 'failed', reason: 'request does not parse' };
      if (parsed.data.kind === 'printers') return { result: 'printers', printers: await printers() };
      const job = HostPrintRequest.parse(parsed.data);
      log(`print on ${job.printer} (${job.pageSize}, silent=${job.silent}, copies=${job.copies})`);
      return print(job);
    },
  };
}

export type PrintService = ReturnType<typeof createPrintService>;
