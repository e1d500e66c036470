import type { ThreadDetail } from '@confide/api';
import { Link } from 'react-router';

/** Under a provider's message from a thread with other staff: which thread, and a link to all of it. */
export function SharedThreadNote({ base, thread, meId }: { base: string; thread: ThreadDetail; meId: string }) {
  const others = thread.participants.filter((p) => p.id !== meId).map((p) => p.name);
  return (
    <p className="portal-shared-note">
      In the group message “{thread.subject}” with {others.join(', ')}.{' '}
      <Link to={`${base}/thread/${encodeURIComponent(thread.id)}`}>Open the whole conversation</Link>
    </p>
  );
}
