/** A counter that e-mails one receipt through the parent's SMTP server, until it is SIGKILLed. */
import { createTestEngine } from '../../helpers/test-engine';

const [dataDir, port, paymentId] = process.argv.slice(2);
if (!dataDir || !port || !paymentId) throw new Error('usage: mail-child <dataDir> <smtpPort> <paymentId>');
const engine = createTestEngine({
  dataDir,
  demo: true,
  demoBesideRealForTests: true,
  autoSync: false,
  log: () => {},
  env: {
    KASSA_SMTP_HOST: '127.0.0.1',
    KASSA_SMTP_PORT: port,
    KASSA_SMTP_SECURE: 'none',
    KASSA_SMTP_FROM: 'kassa@shop.test',
  },
});
await engine.start();
engine.printEmail.emailReceipt({ paymentId, to: 'klant@example.test', language: 'nl' });
setInterval(() => {}, 1_000);
