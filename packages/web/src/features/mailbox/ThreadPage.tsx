import { EmptyState } from '../../components/EmptyState';

/** Placeholder while the screen is built. */
export function ThreadPage() {
  return (
    <main id="main" className="page">
      <EmptyState title="Coming soon" />
    </main>
  );
}
