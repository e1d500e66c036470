import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './passwords';

// zxcvbn's dictionaries load on first use and each estimate takes CPU: generous time on a busy machine.
describe('passwords (R28)', { timeout: 60_000 }, () => {
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
  ])('R28: refuses a password that is %s', async (_case, password, problem) => {
    await expect(
      passwordProblem(password, { email: 'jordan.lee@client.example', name: 'Jordan Lee Smith' }),
    ).resolves.toMatch(problem);
  });

  const person = { email: 'jordan.lee@client.example', name: 'Jordan Lee', practiceName: 'Riverside Counseling' };

  // The strength table: each of these passed the old rules (12+ characters, not in the breached list).
  it.each([
    ['qwertyuiopas', /too easy to guess/],
    ['abcdefghijkl', /too easy to guess/],
    ['1234567890ab', /too easy to guess/],
    ['correcthorsebatterystaple', /too common/],
    ['Correct Horse Battery Staple', /too common/],
    ['confide12345', /too easy to guess/],
    ['Confide2026!!', /too easy to guess/],
    ['Summer2026!!!', /too common|too easy to guess/],
    ['P@ssw0rd2026!', /too common|too easy to guess/],
    ['riverside2026!', /too common|too easy to guess/],
    ['JordanLee2026!', /too easy to guess/],
  ])('R28: the strength table refuses %s', async (password, problem) => {
    await expect(passwordProblem(password, person)).resolves.toMatch(problem);
  });

  it("R28: the practice name counts as the person's own words", async () => {
    const practice = { ...person, practiceName: 'Quillfeather Counseling' };
    await expect(passwordProblem('Quillfeather2026!', practice)).resolves.toMatch(/too easy to guess/);
    await expect(passwordProblem('Quillfeather2026!', person)).resolves.toBeNull();
  });

  it.each([
    'tidal-harbor-lantern-42',
    'quiet-meadow-ferns-77',
    'copper willow orbit',
    'Xk9#mQ2$vL7!',
    'Xq7#mP2vL9wR',
    'bench-Correct-Horse-42',
    'amber-canyon-violet-19',
  ])('R28: the strength table accepts %s', async (password) => {
    await expect(passwordProblem(password, person)).resolves.toBeNull();
  });

  it('R28: the demo password passes in its own practice', async () => {
    const demo = {
      email: 'maya@riverside.example',
      name: 'Dr. Maya Chen',
      practiceName: 'Riverside Counseling (demo)',
    };
    await expect(passwordProblem('riverside-demo-2026', demo)).resolves.toBeNull();
  });

  it('R28: a short email name is not treated as contained in every password', async () => {
    await expect(passwordProblem('ann-river-stone-77', { email: 'ann@x.example' })).resolves.toBeNull();
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
