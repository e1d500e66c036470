import { useId } from 'react';
import { TextInput } from '../../components/Field';
import { InactiveClientNote } from '../mailbox/InactiveClientNote';
import { RecipientPicker } from './RecipientPicker';
import type { Chosen } from './recipient-options';
import { SeveralClientsNote } from './SeveralClientsNote';

export const SUBJECT_MAX = 200;

/** A new message's To (R1, with the notes of R3 and R36) and Subject (R4). */
export function NewMessageFields({
  to,
  onTo,
  subject,
  onSubject,
  errors,
}: {
  to: Chosen[];
  onTo: (next: Chosen[]) => void;
  subject: string;
  onSubject: (next: string) => void;
  errors: { to?: string; subject?: string };
}) {
  const toHintId = useId();
  return (
    <>
      <RecipientPicker value={to} onChange={onTo} error={errors.to} hintId={toHintId} />
      <p id={toHintId} className="field-hint composer-to-hint">
        Add people one by one, or a group: All front office, All therapists, All external agents. Clients are added
        individually.
      </p>
      <InactiveClientNote people={to.filter((item) => item.kind === 'user')} />
      <SeveralClientsNote chosen={to} />
      <TextInput
        label="Subject"
        required
        maxLength={SUBJECT_MAX + 50}
        hint="Shown to all recipients."
        error={errors.subject}
        value={subject}
        onChange={(event) => onSubject(event.target.value)}
      />
    </>
  );
}
