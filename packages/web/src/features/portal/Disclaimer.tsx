import { CrisisLines } from './CrisisLines';
import { useIsPhone } from './use-is-phone';

/**
 * R26: always in view on every messages screen. Emergency numbers are links a phone can dial;
 * the words come first so nobody has to decode an icon on a hard day. On a phone the rarer lines
 * fold away so the chat below still fits the screen.
 */
export function Disclaimer({ responseTimeText }: { responseTimeText: string }) {
  const isPhone = useIsPhone();
  return (
    <aside className="portal-disclaimer" aria-label="Before you write: urgent help">
      <p>
        <strong>Messages are not for urgent matters.</strong> Providers typically reply within {responseTimeText}.
      </p>
      <CrisisLines isCompact={isPhone} />
    </aside>
  );
}
