import { describe, expect, it } from 'vitest';
import { checkBackofficeUrl, isLoopbackHostname } from '../../../shared/backoffice/url-policy';

describe('the back-office address policy', () => {
  it('accepts https anywhere', () => {
    expect(checkBackofficeUrl('https://bo.example.nl/api').ok).toBe(true);
    expect(checkBackofficeUrl(' https://10.0.0.5:8443 ').ok).toBe(true);
  });

  it('accepts http only on loopback', () => {
    for (const url of [
      'http://127.0.0.1:4010',
      'http://localhost:4010/',
      'http://[::1]:4010',
      'http://127.1:80',
      'http://127.255.0.9/',
    ]) {
      expect(checkBackofficeUrl(url).ok, url).toBe(true);
    }
  });

  it('refuses http to any other host, including look-alikes of loopback', () => {
    for (const url of [
      'http://bo.example.nl',
      'http://192.168.1.20:4010',
      'http://localhost.evil.example',
      'http://127.0.0.1.nip.io',
      'http://localhost./',
      'http://[::ffff:8.8.8.8]/',
      'http://0.0.0.0:4010',
    ]) {
      expect(checkBackofficeUrl(url), url).toMatchObject({ ok: false, reason: 'insecure' });
    }
  });

  it('refuses other schemes, garbage and credentials in the address', () => {
    expect(checkBackofficeUrl('ftp://bo.example.nl')).toMatchObject({ ok: false, reason: 'scheme' });
    expect(checkBackofficeUrl('file:///etc/passwd')).toMatchObject({ ok: false, reason: 'scheme' });
    expect(checkBackofficeUrl('bo.example.nl')).toMatchObject({ ok: false, reason: 'invalid' });
    expect(checkBackofficeUrl('https://user:pw@bo.example.nl')).toMatchObject({ ok: false, reason: 'credentials' });
  });

  it('knows loopback host names as the URL parser writes them', () => {
    expect(isLoopbackHostname('127.0.0.1')).toBe(true);
    expect(isLoopbackHostname('[::1]')).toBe(true);
    expect(isLoopbackHostname('128.0.0.1')).toBe(false);
    expect(isLoopbackHostname('127.0.0')).toBe(false);
  });
});
