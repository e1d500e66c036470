/**
 * R26: always in view on every messages screen. Emergency numbers are links a phone can dial;
 * the words come first so nobody has to decode an icon on a hard day.
 */
export function Disclaimer({ responseTimeText }: { responseTimeText: string }) {
  return (
    <aside className="portal-disclaimer" aria-label="Before you write: urgent help">
      <p>
        <strong>Messages are not for urgent matters.</strong> Providers typically reply within {responseTimeText}.
      </p>
      <p>
        In an emergency call <a href="tel:911">911</a>. In crisis, call or text <a href="tel:988">988</a>
        {' ('}
        <a href="sms:988">text 988</a>) — the Suicide &amp; Crisis Lifeline (the old number{' '}
        <a href="tel:+18002738255">1-800-273-8255</a> also reaches it).
      </p>
    </aside>
  );
}
