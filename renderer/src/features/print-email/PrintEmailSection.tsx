import './print-email.css';
import { AutomationSettings } from './AutomationSettings';
import { JobQueue } from './JobQueue';
import { MailSettings } from './MailSettings';
import { PrinterSettings } from './PrinterSettings';
import { ReceiptHistory } from './ReceiptHistory';

/**
 * Issue 11 in Settings: mail server, printers per purpose (with test buttons), the print and mail
 * queue and the receipt history. JobQueue and ReceiptHistory stand alone, for their own tabs later.
 */
export function PrintEmailSection() {
  return (
    <>
      <MailSettings />
      <PrinterSettings />
      <AutomationSettings />
      <JobQueue />
      <ReceiptHistory />
    </>
  );
}
