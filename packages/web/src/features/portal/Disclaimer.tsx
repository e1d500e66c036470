import { CrisisLines } from './CrisisLines';

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
      <CrisisLines />
    </aside>
  );
}
