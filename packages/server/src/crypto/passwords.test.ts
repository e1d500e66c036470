import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';

describe('passwords (R28)', () => {
  it.each([
    ['too short', 'Xk9#mQ2$vL', /at least 12/],
    ['common', 'passwordpassword', /too common/],
    ['common, any case', 'BaseBall1234', /too common/],
    ['breached with digits appended', 'password1234', /too common/],
    ['breached with symbols around', '!!sunshine2024!!', /too common/],
    ['one character repeated', 'zzzzzzzzzzzzzz', /too common/],
    ['a short pattern repeated', 'ab12ab12ab12ab12', /too common/],
    ['contains the email name', 'my-jordan.lee-pass', /email address or name/],
    ['is the name', 'Jordan Lee Smith', /email address or name/],
    ['over 1024 characters', `${'correct-horse-'.repeat(80)}`, /at most 1024/],
  ])('R28: refuses a password that is %s', (_case, password, problem) => {
    expect(passwordProblem(password, { email: 'jordan.lee@client.example', name: 'Jordan Lee Smith' })).toMatch(
      problem,
    );
  });

  it.each(['tidal-harbor-lantern-42', 'copper willow orbit', 'Xk9#mQ2$vL7!'])('R28: accepts %s', (password) => {
    expect(passwordProblem(password, { email: 'jordan.lee@client.example', name: 'Jordan Lee' })).toBeNull();
  });

  it('R28: a short email name is not treated as contained in every password', () => {
    expect(passwordProblem('ann-river-stone-77', { email: 'ann@x.example' })).toBeNull();
  });

  it('R28: hashes are argon2id, salted, and verify only the right password', async () => {
    const a = await hashPassword('tidal-harbor-lantern-42');
    const b = await hashPassword('tidal-harbor-lantern-42');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'tidal-harbor-lantern-42')).toBe(true);
    expect(await verifyPassword(a, 'tidal-harbor-lantern-43')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });
});
