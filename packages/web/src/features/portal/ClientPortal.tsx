import { useMe } from '../../session/session';
import { EmptyState } from '../../components/EmptyState';

/**
 * Placeholder for the client portal (owned by the portal feature; it replaces this file).
 * Rendered by the signed-in gate for client users, inside <SessionContext> (useSession/useMe),
 * under the route /p/:slug/* — so it may declare its own nested <Routes>.
 */
export function ClientPortal() {
  const me = useMe();
  return (
    <main id="main" className="page">
      <EmptyState title={`Welcome, ${me.user.name}`}>The client portal is on its way.</EmptyState>
    </main>
  );
}
