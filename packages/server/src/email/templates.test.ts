import { describe, expect, it } from 'vitest';
import { retryDelayMs } from '../outbox/outbox.repo';
import { renderEmail } from './templates';
import { describeMailError, senderAddress } from './transport';

const input = {
  publicUrl: 'https://confide.example.org',
  practiceSlug: 'harbor',
  practiceName: 'Harbor <Counseling>',
  notificationText: 'A secure message is waiting.',
};

describe('email templates', () => {
  it('R20: a new-message notice has a fixed subject, the practice sentence and the sign-in link', () => {
    const email = renderEmail('new_message', input);
    expect(email.subject).toBe('New secure message');
    expect(email.text).toContain('A secure message is waiting.');
    expect(email.text).toContain('https://confide.example.org/p/harbor/sign-in');
    expect(email.html).toContain('href="https://confide.example.org/p/harbor/sign-in"');
    expect(email.html).toContain('Harbor &lt;Counseling&gt;');
    expect(email.html).not.toContain('<Counseling>');
  });

  it('R28: invitation and reset links carry the token in the fragment', () => {
    expect(renderEmail('invite', { ...input, token: 'tok_1' }).text).toContain(
      'https://confide.example.org/p/harbor/invitation#token=tok_1',
    );
    expect(renderEmail('reset', { ...input, token: 'tok_2' }).html).toContain(
      'href="https://confide.example.org/p/harbor/reset-password#token=tok_2"',
    );
  });

  it('R20: the sender is neutral, at the public host', () => {
    expect(senderAddress('https://www.confide.example.org')).toBe('Confide <no-reply@confide.example.org>');
  });

  it('R21: a delivery error is described by its code, with addresses masked', () => {
    const error = Object.assign(new Error('x'), { responseCode: 550, response: '550 5.1.1 <ann@x.org>: no such user' });
    expect(describeMailError(error)).toBe('SMTP 550: 550 5.1.1 <<address>>: no such user');
    expect(describeMailError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      'ECONNREFUSED: connect ECONNREFUSED',
    );
  });

  it('R21: retries back off exponentially from 5 s and are capped at 30 min', () => {
    expect([1, 2, 3].map(retryDelayMs)).toEqual([5_000, 10_000, 20_000]);
    expect(retryDelayMs(20)).toBe(30 * 60_000);
  });
});
