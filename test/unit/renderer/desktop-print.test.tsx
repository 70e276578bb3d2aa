import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { printPdfWithBrowserDialog } from '../../../renderer/src/features/print-email/browser-print';
import { PrinterSettings } from '../../../renderer/src/features/print-email/PrinterSettings';
import { SendReceipt } from '../../../renderer/src/features/print-email/SendReceipt';
import { renderWithCore } from './render';

const PDF_BASE64 = btoa('%PDF-1.7 receipt');
const noPrinters = { receipt: null, card_slip: null, report: null };
const receiptPrinter = {
  ...noPrinters,
  receipt: { uri: 'tcp://10.0.0.5:9100', width: 80, codePage: 'cp858', openDrawer: false, fromEnvironment: false },
} as const;

afterEach(() => {
  vi.restoreAllMocks();
});

vi.mock('../../../renderer/src/features/print-email/browser-print', async (original) => ({
  ...(await original<typeof import('../../../renderer/src/features/print-email/browser-print')>()),
  printPdfWithBrowserDialog: vi.fn(async () => {}),
}));
const { printPdfWithBrowserDialog: realPrint } = await vi.importActual<
  typeof import('../../../renderer/src/features/print-email/browser-print')
>('../../../renderer/src/features/print-email/browser-print');

/** happy-dom loads no frames: a fake document whose iframe records print() and fires load on append. */
function fakeDocument(print: () => void) {
  const frame = {
    attributes: new Map<string, string>(),
    style: {} as Record<string, string>,
    tabIndex: 0,
    title: '',
    src: '',
    removed: false,
    onLoad: null as (() => void) | null,
    contentWindow: { focus: () => {}, print },
    setAttribute(name: string, value: string) {
      this.attributes.set(name, value);
    },
    addEventListener(_event: 'load', listener: () => void) {
      this.onLoad = listener;
    },
    remove() {
      this.removed = true;
    },
  };
  const doc = {
    createElement: () => frame,
    body: { appendChild: () => queueMicrotask(() => frame.onLoad?.()) },
  };
  return { frame, doc: doc as unknown as Document };
}

describe("the browser's print dialog as the last resort", () => {
  it('fetches the receipt PDF and hands it to the browser dialog, when no receipt printer is set up', async () => {
    const { user, calls } = renderWithCore(<SendReceipt paymentId="pay-1" reference="K-0001" />, {
      'receipts.emailDefaults': { to: null, language: 'nl' },
      'printers.settings': noPrinters,
      'receipts.pdf': { fileName: 'K-0001.pdf', base64: PDF_BASE64 },
    });
    expect(await screen.findByText(/nothing is recorded as printed/)).toBeTruthy();
    await user.click(await screen.findByRole('button', { name: "Print with the browser's dialog" }));
    await waitFor(() => expect(printPdfWithBrowserDialog).toHaveBeenCalledWith(PDF_BASE64));
    expect(calls.find((c) => c.method === 'receipts.pdf')?.input).toEqual({ paymentId: 'pay-1', locale: 'nl' });
    // Nothing goes to the job queue: it is for real printers.
    expect(calls.some((c) => c.method === 'receipts.print')).toBe(false);
    expect(screen.queryByRole('button', { name: 'Print receipt' })).toBeNull();
  });

  it("puts the PDF in a hidden frame as a blob URL and calls the frame's print()", async () => {
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:app://kassa/receipt');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const print = vi.fn();
    const { frame, doc } = fakeDocument(print);
    await realPrint(PDF_BASE64, doc);
    expect(print).toHaveBeenCalledTimes(1);
    expect(frame.src).toBe('blob:app://kassa/receipt');
    expect(frame.attributes.get('aria-hidden')).toBe('true');
    expect(frame.style.width).toBe('0');
  });

  it('queues a print job as before when a receipt printer is set up', async () => {
    const { user, calls } = renderWithCore(<SendReceipt paymentId="pay-1" reference="K-0001" />, {
      'receipts.emailDefaults': { to: null, language: 'nl' },
      'printers.settings': receiptPrinter,
    });
    await waitFor(() => expect(calls.some((c) => c.method === 'printers.settings')).toBe(true));
    await user.click(await screen.findByRole('button', { name: 'Print receipt' }));
    expect(calls.find((c) => c.method === 'receipts.print')?.input).toEqual({ paymentId: 'pay-1', language: 'nl' });
    expect(screen.queryByRole('button', { name: "Print with the browser's dialog" })).toBeNull();
  });

  it('removes the frame and reports the error when print() throws', async () => {
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const { frame, doc } = fakeDocument(() => {
      throw new Error('blocked');
    });
    await expect(realPrint(PDF_BASE64, doc)).rejects.toThrow('blocked');
    expect(frame.removed).toBe(true);
    expect(revoke).toHaveBeenCalledWith('blob:x');
  });
});

describe('desktop printers in Settings', () => {
  it("offers this computer's printers as electron:<name>, with silent and page size saved", async () => {
    const { user, calls } = renderWithCore(<PrinterSettings />, {
      'printers.settings': noPrinters,
      'printers.system': [
        { name: 'Office_Laser', displayName: 'Office Laser', isDefault: true },
        { name: 'TM-T20', displayName: 'Epson TM-T20', isDefault: false },
      ],
      'printers.configure': noPrinters,
    });
    const receipt = await screen.findByRole('group', { name: 'Receipt printer' });
    await within(receipt).findByRole('option', { name: 'Epson TM-T20' });
    const list = within(receipt).getByLabelText('Printers of this computer') as HTMLSelectElement;
    await user.selectOptions(list, 'TM-T20');
    expect((receipt.querySelector('#printer-receipt') as HTMLInputElement).value).toBe('electron:TM-T20');
    await user.click(within(receipt).getByRole('checkbox', { name: 'Print without the dialog' }));
    await user.selectOptions(within(receipt).getByLabelText('Page size'), '80mm');
    await user.click(within(receipt).getByRole('button', { name: 'Save printer' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'printers.configure')?.input).toEqual({
        purpose: 'receipt',
        printer: {
          uri: 'electron:TM-T20',
          width: 80,
          codePage: 'cp858',
          openDrawer: false,
          silent: false,
          pageSize: '80mm',
        },
      }),
    );
  });
});
