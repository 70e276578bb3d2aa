import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { PaymentDto } from '../../../../shared/api/schemas';
import { isOpen } from '../../../../shared/payment/states';
import { useApi } from '../../api/api-context';
import { queries } from '../../api/queries';
import { useLanguage } from '../../i18n/use-i18n';
import { useCounterStore } from '../../state/counter-store';
import { isEmailAddress, mailLanguageOf } from './email-check';
import { usePayLinkStore } from './paylink-store';

export type LinkUse = 'counter' | 'remote';

/**
 * The payment form's pay-link choice: a QR shown here, or the link sent to the customer's address
 * (prefilled from the customer card, editable). After a sent link the counter is free at once.
 */
export function usePayLinkChoice(customerId: string) {
  const api = useApi();
  const uiLanguage = useLanguage();
  const customer = useQuery(queries.customer(api, customerId));
  const paymentClosed = useCounterStore((s) => s.paymentClosed);
  const linkSent = usePayLinkStore((s) => s.linkSent);
  const mailFailed = usePayLinkStore((s) => s.mailFailed);
  const [use, setUse] = useState<LinkUse>('counter');
  const [toDraft, setTo] = useState<string | null>(null);
  const [languageDraft, setLanguage] = useState<'nl' | 'en' | null>(null);
  useEffect(() => {
    // Another customer on screen: their address and language, and a QR by default.
    if (customerId) {
      setTo(null);
      setLanguage(null);
      setUse('counter');
    }
  }, [customerId]);
  const to = toDraft ?? customer.data?.email ?? '';
  const language = languageDraft ?? mailLanguageOf(customer.data?.language, uiLanguage);
  const ready = use === 'counter' || isEmailAddress(to);

  /** Called with the started payment: a link sent away is e-mailed, and the counter freed once it is queued. */
  async function afterStart(payment: PaymentDto): Promise<void> {
    if (use !== 'remote' || !payment.payLink || !isOpen(payment.status) || payment.cancelRequested) return;
    const address = to.trim();
    try {
      await api.call('paylinks.email', { paymentId: payment.id, to: address, language });
      linkSent({
        paymentId: payment.id,
        amountMinor: payment.amount.minor,
        currency: payment.amount.currency,
        to: address,
      });
      paymentClosed(true);
    } catch (error) {
      // The link exists and waits; its panel stays open with the reason and the address to retry.
      mailFailed(payment.id, address, language, error);
    }
  }

  return { use, setUse, to, setTo, language, setLanguage, ready, afterStart };
}

export type PayLinkChoiceState = ReturnType<typeof usePayLinkChoice>;
