import { decodeEntities } from '../threads/message-body';

/** A piece of text with the R5 formatting it had. */
export interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  link: string | null;
}

/** A paragraph, list item or quoted paragraph of a message, as a printed transcript lays it out. */
export interface Block {
  kind: 'paragraph' | 'item';
  /** '•' or '1.' for list items. */
  marker: string | null;
  /** List nesting plus block quotes: how far the block is indented. */
  depth: number;
  quoted: boolean;
  runs: Run[];
}

const TOKEN = /<(\/?)([a-z]+)([^>]*)>|([^<]+)/gi;
const HREF = /href="([^"]*)"/i;

type Style = Omit<Run, 'text'>;
type List = { ordered: boolean; next: number };

/**
 * R49: a stored body (sanitized HTML of the R5 allow-list only, see message-body.ts) as blocks of
 * formatted runs. It reads only the tags the sanitizer lets through; anything else is text.
 */
export function toBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  const lists: List[] = [];
  let quoteDepth = 0;
  let style: Style = { bold: false, italic: false, underline: false, strike: false, link: null };
  const styles: Style[] = [];
  let current: Block | null = null;
  const open = (kind: Block['kind'], marker: string | null): Block => {
    const block: Block = { kind, marker, depth: lists.length + quoteDepth, quoted: quoteDepth > 0, runs: [] };
    blocks.push(block);
    return block;
  };
  const push = (next: Partial<Style>) => {
    styles.push(style);
    style = { ...style, ...next };
  };
  for (const match of html.matchAll(TOKEN)) {
    const [, closing, rawTag, attributes, text] = match;
    if (text !== undefined) {
      const decoded = decodeEntities(text);
      if (decoded.trim() === '' && !current) continue;
      current ??= open('paragraph', null);
      current.runs.push({ text: decoded, ...style });
      continue;
    }
    const tag = (rawTag ?? '').toLowerCase();
    const isClosing = closing === '/';
    // A list item's first paragraph is the item itself (the editor writes `<li><p>…</p></li>`).
    if (tag === 'p' && current?.kind === 'item' && (isClosing || current.runs.length === 0)) continue;
    if (tag === 'p') current = isClosing ? null : open('paragraph', null);
    else if (tag === 'br') (current ??= open('paragraph', null)).runs.push({ text: '\n', ...style });
    else if (tag === 'ul' || tag === 'ol') {
      if (isClosing) lists.pop();
      else lists.push({ ordered: tag === 'ol', next: 1 });
      current = null;
    } else if (tag === 'li') {
      const list = lists.at(-1);
      if (isClosing || !list) current = null;
      else current = open('item', list.ordered ? `${list.next++}.` : '•');
    } else if (tag === 'blockquote') {
      quoteDepth = Math.max(0, quoteDepth + (isClosing ? -1 : 1));
      current = null;
    } else if (isClosing) style = styles.pop() ?? style;
    else if (tag === 'strong' || tag === 'b') push({ bold: true });
    else if (tag === 'em' || tag === 'i') push({ italic: true });
    else if (tag === 'u') push({ underline: true });
    else if (tag === 's' || tag === 'strike' || tag === 'del') push({ strike: true });
    else if (tag === 'a') push({ link: decodeEntities(HREF.exec(attributes ?? '')?.[1] ?? '') || null });
  }
  return blocks.filter((block) => block.runs.some((run) => run.text.trim() !== ''));
}

/**
 * R49: a stored body as plain text for FHIR's `payload.contentString` — one line per paragraph or
 * list item, items with their bullet or number ("1."), nesting and quotes indented by two spaces
 * each — so the text reads as the transcript does, without markup.
 */
export function toPlainText(html: string): string {
  return toBlocks(html)
    .map((block) => {
      const text = block.runs
        .map((run) => run.text)
        .join('')
        .trim();
      return `${'  '.repeat(block.depth)}${block.marker ? `${block.marker} ` : ''}${text}`;
    })
    .join('\n');
}
