import type { Person } from '@confide/api';
import './out-of-office.css';

/** "Covering for Dr. Maya Chen": the names of the away colleagues the viewer covers (R40). */
export function coveringLabel(people: Person[]): string {
  return `Covering for ${people.map((p) => p.name).join(' and ')}`;
}

/** R40: on a thread the viewer covers, why it is in their Inbox and what is asked of them. */
export function CoveringNote({ people }: { people: Person[] }) {
  return (
    <div className="covering-note" role="note">
      <p>
        <strong>{coveringLabel(people)}.</strong> The client wrote while they are out of office; you see this thread so
        the message does not wait. The client was told you will see it.
      </p>
    </div>
  );
}
