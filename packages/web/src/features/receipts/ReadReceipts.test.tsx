import type { MessageReceipts } from '@confide/api';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ReadReceipts } from './ReadReceipts';

const person = (id: string, name: string) => ({ id, name, kind: 'staff' as const, role: 'provider' as const });
const receipts = (count: number, read: number): MessageReceipts => ({
  messageId: 'm1',
  receipts: Array.from({ length: count }, (_, i) => ({
    recipient: person(`u${i}`, `Person ${i}`),
    read: i < read,
    readAt: i < read ? '2026-12-03T08:52:00.000Z' : null,
  })),
});
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('read receipts (R47)', () => {
  it('R47: each recipient says read (with the time) or not read yet', () => {
    const html = renderToStaticMarkup(<ReadReceipts receipts={receipts(2, 1)} />);
    expect(text(html)).toMatch(/^Person 0 Read \S.* Person 1 Not read yet$/);
    expect(html).not.toContain('<details');
  });

  it('R47: read before receipts existed says "Read" without a time', () => {
    const one: MessageReceipts = {
      messageId: 'm',
      receipts: [{ recipient: person('a', 'Ann'), read: true, readAt: null }],
    };
    expect(text(renderToStaticMarkup(<ReadReceipts receipts={one} />))).toBe('Ann Read');
  });

  it('R47: many recipients fold into "Read by n of m"', () => {
    const html = renderToStaticMarkup(<ReadReceipts receipts={receipts(12, 2)} />);
    expect(html).toContain('<details');
    expect(text(html)).toMatch(/^Read by 2 of 12 /);
  });

  it('R47: nothing to show without recipients', () => {
    expect(renderToStaticMarkup(<ReadReceipts receipts={{ messageId: 'm', receipts: [] }} />)).toBe('');
  });
});
