import { createHmac, randomInt } from 'node:crypto';
import { postCallback } from '../fake-http';
import { type DeviceTransaction, deviceBody, type FakeOrder, orderBody } from './paynl-fake-bodies';

export type ExchangeMode = 'signed' | 'unsigned' | 'legacy' | 'off' | 'hold';

interface ExchangeCredentials {
  readonly tokenCode: string;
  readonly serviceId: string;
  readonly serviceSecret: string;
}

interface ExchangeOptions {
  readonly exchangeMode?: ExchangeMode;
  /** Where exchange calls really go (the shop's reverse proxy; in tests Kassa's listener). */
  readonly deliverExchange?: (url: string) => string;
}

interface HeldCall {
  url: string;
  body: string;
  headers: Record<string, string>;
}

/**
 * The exchange calls Pay. makes to a shop: signed (HMAC), unsigned, legacy form posts, held back for
 * a test to release, or not sent at all.
 */
export function createExchangeSender(creds: ExchangeCredentials, options: ExchangeOptions) {
  const held: HeldCall[] = [];
  const exchanges: { status: number; text: string; format: string }[] = [];
  let mode: ExchangeMode = options.exchangeMode ?? 'signed';

  const target = (url: string) => (options.deliverExchange ? options.deliverExchange(url) : url);

  function signedHeaders(body: string): Record<string, string> {
    return {
      'content-type': 'application/json',
      'signature-method': 'HMAC',
      'signature-keyid': creds.serviceId,
      'signature-algorithm': 'sha256',
      signature: createHmac('sha256', creds.serviceSecret).update(body).digest('hex'),
    };
  }

  const jsonHeaders = (body: string) =>
    mode !== 'unsigned' ? signedHeaders(body) : { 'content-type': 'application/json' };

  async function deliver(url: string, body: string, headers: Record<string, string>, format: string) {
    if (mode === 'off') return;
    if (mode === 'hold') {
      held.push({ url: target(url), body, headers });
      return;
    }
    const answer = await postCallback(target(url), body, headers);
    exchanges.push({ ...answer, format });
  }

  /** Tells the order's exchange URL that its status changed. */
  function exchangeFor(o: FakeOrder): void {
    if (!o.exchangeUrl) return;
    if (mode === 'legacy') {
      const form = new URLSearchParams({
        action: o.status.code === 100 ? 'new_ppt' : o.status.code < 0 ? 'cancel' : 'pending',
        order_id: o.orderId,
        amount: (o.amount.value / 100).toFixed(2),
        extra1: o.extra1 ?? '',
        payment_session_id: String(randomInt(1e9)),
      }).toString();
      void deliver(o.exchangeUrl, form, { 'content-type': 'application/x-www-form-urlencoded' }, 'legacy');
      return;
    }
    const body = JSON.stringify({
      event: 'status_changed',
      type: 'order',
      version: 1,
      id: o.id,
      object: orderBody(o, creds.tokenCode),
    });
    void deliver(o.exchangeUrl, body, jsonHeaders(body), 'order');
  }

  /** A payment typed on the device: told to the sales location's exchange URL, answered at once (never held). */
  async function deviceCall(url: string, d: DeviceTransaction, format: 'new' | 'legacy' | undefined) {
    if (format === 'legacy') {
      const form = new URLSearchParams({
        action: d.refund ? 'refund:add' : 'new_ppt',
        order_id: d.orderId,
        amount: (d.amount / 100).toFixed(2),
        payment_profile_id: d.refund ? '2351' : '3069',
        extra1: '',
      }).toString();
      return postCallback(target(url), form, { 'content-type': 'application/x-www-form-urlencoded' });
    }
    const body = JSON.stringify(deviceBody(d, d.refund ? 'refund:add' : 'new_ppt', creds.serviceId));
    return postCallback(target(url), body, jsonHeaders(body));
  }

  /** Delivers held exchange calls, optionally reversed and each twice. */
  async function release(opts: { reverse?: boolean; twice?: boolean } = {}) {
    const batch = held.splice(0, held.length);
    if (opts.reverse) batch.reverse();
    const answers: { status: number; text: string }[] = [];
    for (const h of batch) {
      answers.push(await postCallback(h.url, h.body, h.headers));
      if (opts.twice) answers.push(await postCallback(h.url, h.body, h.headers));
    }
    return answers;
  }

  return {
    signedHeaders,
    exchangeFor,
    deviceCall,
    release,
    setMode(next: ExchangeMode) {
      mode = next;
    },
    held: () => [...held],
    exchanges: () => [...exchanges],
  };
}
