import type { Person } from '../../api';
import './teams.css';

/** R46: said in the reply composer, before sending, when a colleague replied after I opened the thread. */
export function ColleagueReplyNote({ people }: { people: Person[] }) {
  if (people.length === 0) return null;
  const names = people.map((p) => p.name).join(' and ');
  return (
    <div className="alert alert-warning colleague-note" role="alert">
      <strong>{names} replied after you opened this thread.</strong> Read the newest message above before you send, so
      the client does not get two answers.
    </div>
  );
}
