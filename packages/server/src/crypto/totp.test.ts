import { describe, expect, it } from 'vitest';
import { rfc6238 } from '../../test/totp';
import { matchTotp, newTotpSecret, totpSecretProblem, totpStep } from './totp';

/** RFC 6238 appendix B's SHA-1 key, "12345678901234567890", in base32. */
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP (R28)', () => {
  it('R28: matches RFC 6238 appendix B at T=59 s and T=1111111109 s (last 6 digits)', () => {
    expect(matchTotp(RFC_SECRET, '287082', 59_000, null)).toBe(1);
    expect(matchTotp(RFC_SECRET, '081804', 1_111_111_109_000, null)).toBe(totpStep(1_111_111_109_000));
    expect(rfc6238(RFC_SECRET, 59_000)).toBe('287082');
  });

  it('R28: one step of drift either side is accepted, two are not', () => {
    const now = 1_700_000_015_000;
    expect(matchTotp(RFC_SECRET, rfc6238(RFC_SECRET, now - 30_000), now, null)).toBe(totpStep(now) - 1);
    expect(matchTotp(RFC_SECRET, rfc6238(RFC_SECRET, now + 30_000), now, null)).toBe(totpStep(now) + 1);
    expect(matchTotp(RFC_SECRET, rfc6238(RFC_SECRET, now - 60_000), now, null)).toBeNull();
  });

  it('R28: a code of a step at or before the last used one is refused', () => {
    const now = 1_700_000_015_000;
    const code = rfc6238(RFC_SECRET, now);
    expect(matchTotp(RFC_SECRET, code, now, totpStep(now))).toBeNull();
    expect(matchTotp(RFC_SECRET, code, now, totpStep(now) - 1)).toBe(totpStep(now));
  });

  it.each([
    ['GEZDGNBVGY3TQOJQ', null],
    ['gezd gnbv gy3t qojq', null],
    ['GEZDGNBVGY3TQOJ', /at least 80 bits.*this one has 72/],
    ['GEZDGNBVGY3TQOJ1', /base32/],
  ])('R28: the secret %s answers %s', (secret, problem) => {
    const answer = totpSecretProblem(secret);
    if (problem === null) expect(answer).toBeNull();
    else expect(answer).toMatch(problem);
  });

  it('R28: new secrets have 160 bits', () => {
    expect(totpSecretProblem(newTotpSecret())).toBeNull();
    expect(newTotpSecret().replace(/=/g, '').length * 5).toBeGreaterThanOrEqual(160);
  });
});
