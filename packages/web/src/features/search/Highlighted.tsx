import { Fragment } from 'react';

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

/** Lower case without accents, as the server matches words (R44). */
function fold(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ß/g, 'ss');
}

/** Whether a word of the text is matched by one of the query's words (the start of it, or all of a short one). */
function isMatch(word: string, queries: string[]): boolean {
  const folded = fold(word);
  return queries.some((q) => ([...q].length < 3 ? folded === q : folded.startsWith(q)));
}

/** Text with the words the search matched marked (`<mark>`), as the server matched them. */
export function Highlighted({ text, q }: { text: string; q: string }) {
  const queries = [...q.matchAll(WORD)].map((m) => fold(m[0]));
  const parts: { text: string; isHit: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    if (!isMatch(match[0], queries)) continue;
    if (match.index > last) parts.push({ text: text.slice(last, match.index), isHit: false });
    parts.push({ text: match[0], isHit: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), isHit: false });
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>{part.isHit ? <mark>{part.text}</mark> : part.text}</Fragment>
      ))}
    </>
  );
}
