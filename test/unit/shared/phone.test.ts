import { describe, expect, it } from 'vitest';
import { normalizeMobilePayPhone } from '../../../shared/payment/phone';

describe('MobilePay phone numbers', () => {
  it.each([
    ['+45 20 12 34 56', '4520123456', 'DK'],
    ['0045 2012 3456', '4520123456', 'DK'],
    ['+47 912 34 567', '4791234567', 'NO'],
    ['4791234567', '4791234567', 'NO'],
    ['+358 40 123 4567', '358401234567', 'FI'],
    ['(+358) 50-1234567', '358501234567', 'FI'],
  ])('reads %s as the MSISDN %s (%s)', (input, msisdn, country) => {
    expect(normalizeMobilePayPhone(input)).toEqual({ ok: true, msisdn, country });
  });

  it.each([
    ['+31 6 12345678', 'phone_country'],
    ['06 12345678', 'phone_country'],
    ['+45 1234', 'phone_invalid'],
    ['+47 912 34 5678 9', 'phone_invalid'],
    ['20 12 34 56', 'phone_invalid'],
    ['call me', 'phone_invalid'],
  ])('refuses %s (%s)', (input, error) => {
    expect(normalizeMobilePayPhone(input)).toEqual({ ok: false, error });
  });
});
