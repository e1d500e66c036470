import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Disclaimer } from './Disclaimer';

const html = renderToStaticMarkup(<Disclaimer responseTimeText="2 business days" />);
const links = [...html.matchAll(/<a [^>]*href="([^"]+)"[^>]*>([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]);

describe('R26 disclaimer', () => {
  it('R26: every crisis option is a dial, text or chat link', () => {
    expect(links).toEqual([
      ['tel:911', '911'],
      ['tel:988', 'call'],
      ['sms:988', 'text 988'],
      ['https://988lifeline.org/chat/', '988lifeline.org'],
      ['tel:+18002738255', '1-800-273-8255'],
      ['tel:988', 'call 988 and press 1'],
      ['sms:838255', 'text 838255'],
      ['tel:988', 'llame al 988 y marque 2'],
      ['sms:988?body=AYUDA', 'envíe AYUDA al 988'],
    ]);
  });

  it('R26: says the response time and no longer reads "call or text 988 (text 988)"', () => {
    const text = html.replace(/<[^>]+>/g, '');
    expect(text).toContain('typically reply within 2 business days');
    expect(text).toContain('In crisis, call or text 988, or chat at 988lifeline.org.');
    expect(text).not.toContain('(text 988)');
    expect(text).toContain('Veterans');
    expect(text).toContain('En español');
  });
});
