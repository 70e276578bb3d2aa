import { describe, expect, it } from 'vitest';
import { redact } from '../../../electron/core/audit/redact';
import { redactUrl, redactUrls } from '../../../electron/core/audit/redact-url';

/** The audit trail keeps where a URL points (scheme, host, port, path), never a credential in it. */

describe('redactUrl', () => {
  it('keeps scheme, host, port and path; replaces userinfo, each query value and the fragment', () => {
    expect(redactUrl('https://hooks.example.com:8443/kassa/events?token=abc123&shop=7#sig=xyz')).toBe(
      'https://hooks.example.com:8443/kassa/events?token=•••&shop=•••#•••',
    );
    expect(redactUrl('https://user:s3cret@hooks.example.com/in')).toBe('https://•••@hooks.example.com/in');
    expect(redactUrl('https://only-a-token@example.com')).toBe('https://•••@example.com');
  });

  it('treats the last @ of the authority as the end of the userinfo (a raw @ in a password)', () => {
    expect(redactUrl('https://me:p@ss@example.com/x')).toBe('https://•••@example.com/x');
  });

  it('a bare query item may be the token itself; empty items and a lone ? stay as they were', () => {
    expect(redactUrl('http://127.0.0.1:9000/hook?abcdef0123&a=1;b=&&')).toBe(
      'http://127.0.0.1:9000/hook?•••&a=•••;b=•••&&',
    );
    expect(redactUrl('http://example.com/?')).toBe('http://example.com/?');
  });

  it('leaves a URL without a credential, and text that is no absolute URL, exactly as it was', () => {
    for (const plain of [
      'https://backoffice.example.com/api',
      'tcp://192.168.1.40:9100',
      'HTTP://Example.COM:80',
      'mail.shop.test',
      'mailto:owner@shop.test?subject=hi',
      'not a url at all',
      '',
    ]) {
      expect(redactUrl(plain)).toBe(plain);
    }
  });

  it('other schemes with a credential are redacted too', () => {
    expect(redactUrl('ipp://admin:pw@printer.local:631/printers/bon')).toBe('ipp://•••@printer.local:631/printers/bon');
  });
});

describe('redactUrls', () => {
  it('redacts every URL inside longer text and leaves the words around it', () => {
    expect(redactUrls('moved from https://a.example/x?k=1 to "https://u:p@b.example/y" today')).toBe(
      'moved from https://a.example/x?k=••• to "https://•••@b.example/y" today',
    );
  });
});

describe('redact (the audit trail’s net) applies it to every string in a change', () => {
  it('webhook rule targets in a saved rule list lose their tokens, other fields stay', () => {
    const rules = [
      { id: 'r1', action: 'webhook', target: 'https://hooks.example.com/kassa?token=tok_live_123' },
      { id: 'r2', action: 'email_manager', target: 'manager@shop.test' },
    ];
    expect(redact({ rules })).toEqual({
      rules: [
        { id: 'r1', action: 'webhook', target: 'https://hooks.example.com/kassa?token=•••' },
        { id: 'r2', action: 'email_manager', target: 'manager@shop.test' },
      ],
    });
  });

  it('still masks a card number and a secret-named key', () => {
    expect(redact({ note: 'card 4111 1111 1111 1111', apiToken: 'x' })).toEqual({
      note: 'card ************1111',
      apiToken: '[redacted]',
    });
  });
});
