/**
 * R26/R42: where to get help now. Every number is a link a phone can dial or text, and each
 * link's name says what it does, so a screen reader never announces a bare "988".
 */
export function CrisisLines() {
  return (
    <>
      <p>
        In an emergency call <a href="tel:911">911</a>. In crisis,{' '}
        <a href="tel:988" aria-label="Call 988">
          call
        </a>{' '}
        or <a href="sms:988">text 988</a>, or chat at <a href="https://988lifeline.org/chat/">988lifeline.org</a> — the
        Suicide &amp; Crisis Lifeline (the old number <a href="tel:+18002738255">1-800-273-8255</a> also reaches it).
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
}
