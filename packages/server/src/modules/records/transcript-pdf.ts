import PDFDocument from 'pdfkit';
import type { Person } from '@confide/api';
import type { ExportMessage, ThreadExport } from './export-source';
import { faceOf, hasUnprintable, printable, registerFonts } from './pdf-fonts';
import { practiceTime, readableSize } from './pdf-text';
import { toBlocks, type Block } from './rich-text';

const MARGIN = 54;
const INDENT = 18;
const MUTED = '#4b5563';
const roleNames: Record<string, string> = {
  provider: 'Provider',
  front_office: 'Front office',
  biller: 'Billing',
  external_agent: 'External agent',
  client: 'Client',
};

function who(person: Person | undefined): string {
  if (!person) return 'Former member';
  return `${person.name} (${roleNames[person.role] ?? person.role})`;
}

/**
 * R49, R50: a printable transcript of a thread — the practice, the participants the viewer may
 * see (R36), each message's sender, time in the practice's time zone, formatted text, and its
 * files with their SHA-256 — and the audit chain position it was made at. The document is a
 * stream: each message is drawn when the reader has taken what came before (pdfkit pushes
 * without waiting, so writing waits on the stream's own pull), and pages leave as they fill.
 */
export function renderTranscriptPdf(source: ThreadExport): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: 'LETTER',
    margin: MARGIN,
    info: { Title: 'Secure message transcript', Producer: 'Confide', Creator: 'Confide' },
  });
  registerFonts(doc);
  let wake: (() => void) | null = null;
  doc._read = () => {
    wake?.();
    wake = null;
  };
  const pulled = () =>
    doc.readableLength < doc.readableHighWaterMark
      ? Promise.resolve()
      : new Promise<void>((resolve) => (wake = resolve));
  doc.once('close', () => wake?.());
  void (async () => {
    drawHeader(doc, source);
    let replaced = false;
    for await (const message of source.messages()) {
      if (doc.destroyed) return;
      replaced = drawMessage(doc, source, message) || replaced;
      await pulled();
    }
    drawFooter(doc, source, replaced);
    doc.end();
  })().catch((error: unknown) => doc.destroy(error as Error));
  return doc;
}

function line(doc: PDFKit.PDFDocument, label: string, value: string): void {
  doc.font('bold').text(`${label}: `, { continued: true });
  doc.font('regular').text(printable(value));
}

function drawHeader(doc: PDFKit.PDFDocument, source: ThreadExport): void {
  doc.fillColor('black').font('bold').fontSize(18).text('Secure message transcript');
  doc.moveDown(0.3).fontSize(10).fillColor(MUTED).font('regular').text(printable(source.practice.name));
  doc.moveDown(0.8).fillColor('black').fontSize(10);
  line(doc, 'Subject', source.thread.subject);
  line(doc, 'Participants', [...source.people.values()].map(who).join(', '));
  line(doc, 'Started', practiceTime(source.thread.createdAt, source.timeZone));
  line(
    doc,
    'Exported',
    `${practiceTime(source.exportedAt, source.timeZone)}${source.viewer ? ` for ${who(source.viewer)}` : ''}`,
  );
  line(doc, 'Conversation id', source.thread.id);
  line(doc, 'Audit chain position', `${source.audit.seq} (${source.audit.hash})`);
  rule(doc);
}

function rule(doc: PDFKit.PDFDocument): void {
  doc.moveDown(0.6);
  const y = doc.y;
  doc
    .moveTo(MARGIN, y)
    .lineTo(doc.page.width - MARGIN, y)
    .lineWidth(0.5)
    .strokeColor('#9ca3af')
    .stroke();
  doc.moveDown(0.6);
}

/** Draws one message; answers whether some character had to be replaced. */
function drawMessage(doc: PDFKit.PDFDocument, source: ThreadExport, message: ExportMessage): boolean {
  const sender = source.people.get(message.senderId);
  doc.x = MARGIN;
  doc
    .fillColor('black')
    .font('bold')
    .fontSize(10.5)
    .text(printable(who(sender), 'bold'), { continued: true });
  doc
    .font('regular')
    .fillColor(MUTED)
    .text(`  ${practiceTime(message.sentAt, source.timeZone)}`);
  doc.moveDown(0.25).fillColor('black');
  let replaced = hasUnprintable(who(sender), 'bold');
  for (const block of toBlocks(message.html)) replaced = drawBlock(doc, block) || replaced;
  for (const file of message.attachments) {
    replaced = hasUnprintable(file.name) || replaced;
    doc.x = MARGIN;
    doc.font('bold').fontSize(9).text('Attachment: ', { continued: true });
    doc.font('regular').text(`${printable(file.name)} (${readableSize(file.size)}, ${file.contentType})`);
    doc.fillColor(MUTED).font('mono').fontSize(8).text(`SHA-256 ${file.sha256}`).fillColor('black');
  }
  rule(doc);
  return replaced;
}

function drawBlock(doc: PDFKit.PDFDocument, block: Block): boolean {
  const left = MARGIN + block.depth * INDENT;
  const width = doc.page.width - MARGIN - left;
  const runs = block.marker ? [{ ...plainRun, text: `${block.marker} ` }, ...block.runs] : block.runs;
  let replaced = false;
  doc.fontSize(10.5).fillColor(block.quoted ? MUTED : 'black');
  runs.forEach((run, index) => {
    const face = faceOf(run);
    replaced = hasUnprintable(run.text, face) || replaced;
    const options: PDFKit.Mixins.TextOptions = {
      continued: index < runs.length - 1,
      underline: run.underline || Boolean(run.link),
      strike: run.strike,
      ...(run.link ? { link: run.link } : {}),
      ...(index === 0 ? { width } : {}),
    };
    doc.font(face);
    if (index === 0) doc.text(printable(run.text, face), left, doc.y, options);
    else doc.text(printable(run.text, face), options);
  });
  doc.moveDown(0.35).fillColor('black');
  return replaced;
}

const plainRun = { bold: false, italic: false, underline: false, strike: false, link: null };

function drawFooter(doc: PDFKit.PDFDocument, source: ThreadExport, replaced: boolean): void {
  doc.x = MARGIN;
  doc.font('regular').fontSize(8.5).fillColor(MUTED);
  if (replaced)
    doc.text(
      'Some characters the PDF font cannot show (such as Chinese, Japanese or emoji) are printed as "?"; the FHIR export keeps them.',
    );
  doc.text(
    `Deleted messages are not part of this record. "confide audit verify --thread ${source.thread.id} --since ${source.audit.seq}" ` +
      'confirms that nothing in this conversation changed after this export.',
  );
}
