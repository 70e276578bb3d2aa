import { z } from 'zod';
import { PrintPageSize } from '../../../shared/host/print-protocol';
import type { SettingsRepository } from '../repositories/settings';

/** A printer per purpose: the receipt printer now; card slip and A4 report use the same shape. */
export const PrinterPurpose = z.enum(['receipt', 'card_slip', 'report']);
export type PrinterPurpose = z.infer<typeof PrinterPurpose>;

export const PrinterConfig = z.object({
  /**
   * `tcp://host:port` for an ESC/POS printer, `system:<name>` for a system printer through CUPS `lp`
   * (browser mode), `electron:<name>` for a printer through the desktop app's Electron printing.
   */
  uri: z.string().regex(/^(tcp:\/\/[^\s/]+(:\d+)?|system:.+|electron:.+)$/),
  width: z.union([z.literal(80), z.literal(58)]),
  codePage: z.enum(['cp858', 'cp1252']),
  openDrawer: z.boolean(),
  /** `electron:` printers: print without the system dialog (the manager's choice; default silent). */
  silent: z.boolean().optional(),
  /** `electron:` printers: the paper the PDF is fitted to (default A4). */
  pageSize: PrintPageSize.optional(),
});
export type PrinterConfig = z.infer<typeof PrinterConfig>;

const DEFAULTS = { width: 80, codePage: 'cp858', openDrawer: false } as const;

/** Printers per purpose in Settings (per station: this database is the station's); KASSA_RECEIPT_PRINTER wins for the receipt. */
export function createPrinterSettings(deps: { settings: SettingsRepository; env: NodeJS.ProcessEnv }) {
  const envUri = deps.env.KASSA_RECEIPT_PRINTER?.trim() || null;
  const key = (purpose: PrinterPurpose) => `printer.${purpose}`;
  function get(purpose: PrinterPurpose): (PrinterConfig & { fromEnvironment: boolean }) | null {
    const raw = deps.settings.get(key(purpose));
    // An empty value is a printer taken out in Settings.
    const stored = raw ? PrinterConfig.parse(JSON.parse(raw)) : null;
    if (purpose === 'receipt' && envUri) return { ...DEFAULTS, ...stored, uri: envUri, fromEnvironment: true };
    return stored ? { ...stored, fromEnvironment: false } : null;
  }
  return {
    get,
    set(purpose: PrinterPurpose, config: PrinterConfig | null): void {
      deps.settings.set(key(purpose), config ? JSON.stringify(PrinterConfig.parse(config)) : '');
    },
    all: () => ({ receipt: get('receipt'), card_slip: get('card_slip'), report: get('report') }),
  };
}

export type PrinterSettings = ReturnType<typeof createPrinterSettings>;
