import { useMe } from '../../session/session';
import { formatAwayUntil } from '../out-of-office/away';
import type { Chosen } from './recipient-options';

/** The chosen recipients as removable chips; an inactive or away person is marked. */
export function RecipientChips({ value, onChange }: { value: Chosen[]; onChange: (next: Chosen[]) => void }) {
  return (
    <ul className="chips" aria-label="Recipients">
      {value.map((item) => (
        <li key={`${item.kind}:${item.id}`} className={`chip${item.kind === 'group' ? ' chip-group' : ''}`}>
          <span>{item.name}</span>
          {item.kind === 'user' && item.isInactive && <span className="chip-note">inactive</span>}
          {item.kind === 'user' && item.away && <span className="chip-note">away</span>}
          <button
            type="button"
            className="chip-remove"
            aria-label={`Remove ${item.name}`}
            onClick={(event) => {
              event.stopPropagation();
              onChange(value.filter((other) => other !== item));
            }}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

/** R40: for each chosen colleague who is out of office, until when and who covers, before anything is sent. */
export function AwayHints({ value }: { value: Chosen[] }) {
  const me = useMe();
  return (
    <>
      {value.map(
        (item) =>
          item.kind === 'user' &&
          item.away && (
            <p key={`away:${item.id}`} className="away-hint" role="note">
              <strong>
                {item.name} is away until {formatAwayUntil(item.away.until, me.practice.timeZone)}.
              </strong>{' '}
              {item.away.coveringName} covers their messages meanwhile.
            </p>
          ),
      )}
    </>
  );
}
