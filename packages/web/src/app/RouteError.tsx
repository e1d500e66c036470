import { Button } from '../components/Button';
import { EmptyState } from '../components/EmptyState';

/** Shown when a screen fails unexpectedly: a calm sentence and a way back, never a stack trace. */
export function RouteError() {
  return (
    <main id="main" className="page page-narrow">
      <div className="card">
        <EmptyState
          title="Something went wrong on this screen"
          action={<Button onClick={() => window.location.reload()}>Reload the page</Button>}
        >
          Nothing you sent has been lost. Reload the page to continue.
        </EmptyState>
      </div>
    </main>
  );
}
