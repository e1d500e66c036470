/** The text of a chat message as the server stores it: sanitized HTML (R5). */
export function textToHtml(text: string): string {
  const escape = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return text
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escape(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

/** R5's length rule as the server counts it: visible characters, white space not counted. */
export function visibleLength(text: string): number {
  return [...text.replace(/\s+/g, '')].length;
}

/** A stored body (sanitized HTML) back to the plain text of the text field: a resumed draft (R7). */
export function htmlToText(html: string): string {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  doc.querySelectorAll('br').forEach((br) => br.replaceWith('\n'));
  const blocks = [...doc.body.querySelectorAll('p, li, blockquote')];
  const parts = blocks.length ? blocks.map((block) => block.textContent ?? '') : [doc.body.textContent ?? ''];
  return parts.join('\n\n').trim();
}
