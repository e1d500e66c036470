import type { ThreadSummary } from '@confide/api';
import { ThreadRows } from './ThreadRows';

/** Threads with several people, listed under the "Group messages" card; each opens as a thread. */
export function GroupThreadList({ threads, base }: { threads: ThreadSummary[]; base: string }) {
  return (
    <section className="portal-groups" aria-labelledby="portal-groups-title">
      <h2 id="portal-groups-title" className="portal-section-title">
        Group messages
      </h2>
      <ThreadRows threads={threads} base={base} emptyText="No group messages." />
    </section>
  );
}
