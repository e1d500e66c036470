import type { Person } from '@confide/api';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import type { ThreadExport } from './export-source';
import { pdfText } from './records.test-helpers';
import { renderTranscriptPdf } from './transcript-pdf';

const provider: Person = { id: 'p-1', name: 'Dr. Zoë Ngô-Łukasiewicz', kind: 'staff', role: 'provider' };
const client: Person = { id: 'c-1', name: 'Дмитрий Σοφία Çelik', kind: 'client', role: 'client' };

/** A thread in several scripts, as an export source (no server needed to draw a transcript). */
function source(messages: { senderId: string; html: string; fileName?: string }[]): ThreadExport {
  return {
    practice: { id: 'pr', slug: 'north', name: 'Praxis Grüße & Αθήνα' },
    timeZone: 'America/New_York',
    thread: { id: 'th-1', subject: 'Запись на приём', createdAt: '2026-03-09T15:00:00Z', createdBy: 'p-1' },
    people: new Map<string, Person>([
      [provider.id, provider],
      [client.id, client],
    ]),
    viewer: null,
    exportedAt: '2026-03-10T15:00:00Z',
    audit: { seq: 42, hash: 'a'.repeat(64) },
    messages: async function* () {
      let minute = 0;
      for (const m of messages) {
        minute += 1;
        yield {
          id: `m-${minute}`,
          senderId: m.senderId,
          sentAt: `2026-03-09T15:0${minute}:00Z`,
          html: m.html,
          attachments: m.fileName
            ? [
                {
                  id: 'f',
                  name: m.fileName,
                  size: 10,
                  contentType: 'application/pdf',
                  sha256: 'b'.repeat(64),
                  blobKey: 'k',
                },
              ]
            : [],
        };
      }
    },
    files: () => Promise.resolve([]),
    openAttachment: () => Promise.resolve(Readable.from([])),
  };
}

const render = async (s: ThreadExport) => pdfText(await buffer(renderTranscriptPdf(s)));
const squash = (text: string) => text.replace(/\s+/g, ' ');

describe('transcript PDF fonts (R49, R50)', () => {
  it('R49: names and text in Latin, Greek, Cyrillic and Hebrew print as written, bold and italic included', async () => {
    const text = squash(
      await render(
        source([
          {
            senderId: 'p-1',
            html: '<p>Здравствуйте! <strong>Καλημέρα</strong>, <em>שלום</em> — ça va, Łódź?</p>',
            fileName: 'План лечения.pdf',
          },
          { senderId: 'c-1', html: '<p>Спасибо, <strong><em>доктор</em></strong>.</p>' },
        ]),
      ),
    );
    for (const expected of [
      'Dr. Zoë Ngô-Łukasiewicz',
      'Дмитрий Σοφία Çelik',
      'Praxis Grüße & Αθήνα',
      'Запись на приём',
      'Здравствуйте!',
      'Καλημέρα',
      'ça va, Łódź?',
      'План лечения.pdf',
      'Спасибо,',
      'доктор',
    ]) {
      expect(text).toContain(expected);
    }
    // pdftotext gives Hebrew in logical order or reversed depending on the layout; either way, its letters.
    expect(text.includes('שלום') || text.includes('םולש')).toBe(true);
    expect(text).not.toContain('printed as "?"');
  });

  it('R49: characters no embedded font has (Chinese, emoji) print as "?" and the transcript says so', async () => {
    const text = squash(await render(source([{ senderId: 'c-1', html: '<p>東京 ok 🙂</p>' }])));
    expect(text).toContain('?? ok ?');
    expect(text).toContain('printed as "?"');
  });
});
