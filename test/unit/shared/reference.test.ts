import { describe, expect, it } from 'vitest';
import {
  attemptReference,
  PROVIDER_REFERENCE,
  refundReference,
  StationIdSchema,
} from '../../../shared/payment/reference';

describe('provider references', () => {
  it('fits every provider for the longest station id the settings accept', () => {
    const longest = 'ABCDEFGH';
    expect(StationIdSchema.safeParse(longest).success).toBe(true);
    const reference = attemptReference(longest, 'P-20261201114800-ABC123');
    expect(reference).toBe('KSABCDEFGH20261201114800ABC123');
    expect(reference).toMatch(PROVIDER_REFERENCE);
    expect(reference.length).toBeLessThanOrEqual(30);
  });

  it('keeps the payment id readable in the reference and refuses station ids that would break it', () => {
    expect(attemptReference('C1', 'P-20261201114800-ABC123')).toBe('KSC120261201114800ABC123');
    expect(refundReference('20261201114800ABC123')).toBe('RF20261201114800ABC123');
    for (const bad of ['C_1', 'C-1', 'ABCDEFGHI', '', 'C 1'])
      expect(StationIdSchema.safeParse(bad).success).toBe(false);
  });
});
