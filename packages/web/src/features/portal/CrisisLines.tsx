import type { ReactNode } from 'react';

/**
 * R26/R42: where to get help now. Every number is a link a phone can dial or text, and each
 * link's name says what it does, so a screen reader never announces a bare "988". `isCompact`
 * (the disclaimer on a phone) keeps 911 and 988 in view and folds the other lines under
 * "More crisis lines", so the chat's text field and Send fit on the screen (issue 17).
 */
export function CrisisLines({ isCompact = false }: { isCompact?: boolean }) {
  const more = (
    <>
      <p>
        The Suicide &amp; Crisis Lifeline (988) is also reached by its old number{' '}
        <a href="tel:+18002738255">1-800-273-8255</a>.
      </p>
      <p>
        Veterans: <a href="tel:988">call 988 and press 1</a>, or <a href="sms:838255">text 838255</a>.{' '}
        <span lang="es">
          En español: <a href="tel:988">llame al 988 y marque 2</a>, o{' '}
          <a href="sms:988?body=AYUDA">envíe AYUDA al 988</a>.
        </span>
      </p>
    </>
  );
  return (
    <>
      <p>
        In an emergency call <a href="tel:911">911</a>. In crisis,{' '}
        <a href="tel:988" aria-label="Call 988">
          call
        </a>{' '}
        or <a href="sms:988">text 988</a>, or chat at <a href="https://988lifeline.org/chat/">988lifeline.org</a>.
      </p>
      {isCompact ? <Folded summary="More crisis lines (Veterans, en español)">{more}</Folded> : more}
    </>
  );
}

function Folded({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="crisis-more">
      <summary>{summary}</summary>
      {children}
    </details>
  );
}
