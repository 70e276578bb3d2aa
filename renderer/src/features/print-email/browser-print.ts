/**
 * The last resort when this station has no printer set up: the receipt PDF in a hidden iframe and
 * the browser's own print dialog. Nothing is queued or recorded as printed: the job queue is for
 * real printers, and whether the dialog printed anything only the person at the counter knows.
 */
export function printPdfWithBrowserDialog(pdfBase64: string, doc: Document = document): Promise<void> {
  const bytes = Uint8Array.from(atob(pdfBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const frame = doc.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.title = 'receipt-print';
  // Hidden but laid out: a frame with display:none has no document to print in some browsers.
  Object.assign(frame.style, { position: 'fixed', right: '0', bottom: '0', width: '0', height: '0', border: '0' });
  const cleanUp = () => {
    frame.remove();
    URL.revokeObjectURL(url);
  };
  return new Promise((resolve, reject) => {
    frame.addEventListener('load', () => {
      try {
        frame.contentWindow?.focus();
        frame.contentWindow?.print();
        resolve();
      } catch (error) {
        cleanUp();
        reject(error);
        return;
      }
      // print() returns before the dialog closes in some browsers: the frame stays a while for it.
      setTimeout(cleanUp, 60_000);
    });
    frame.src = url;
    doc.body.appendChild(frame);
  });
}
