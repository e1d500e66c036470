import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { EnvelopeIcon } from './icons';

/**
 * The signed-in frame: a skip link, a header with the practice name on the left and, on the
 * right, `actions` (the envelope with its unread badge, the person's menu), then the page.
 */
export function AppShell({
  practiceName,
  homeHref,
  nav,
  actions,
  children,
}: {
  practiceName: string;
  homeHref: string;
  nav?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="shell-header">
        <Link to={homeHref} className="shell-brand">
          <span className="shell-logo" aria-hidden="true">
            <EnvelopeIcon />
          </span>
          <span className="shell-practice">{practiceName}</span>
        </Link>
        {nav && (
          <nav className="shell-nav" aria-label="Main">
            {nav}
          </nav>
        )}
        <div className="shell-actions">{actions}</div>
      </header>
      <div className="shell-body">{children}</div>
    </div>
  );
}

/** The envelope button (top right, on every screen) with the live unread count. */
export function EnvelopeButton({ href, unread }: { href: string; unread: number }) {
  const label = unread > 0 ? `Messages, ${unread} unread` : 'Messages, none unread';
  return (
    <Link to={href} className="envelope" aria-label={label} title="Messages">
      <EnvelopeIcon />
      {unread > 0 && (
        <span className="envelope-badge" aria-hidden="true" data-testid="unread-badge">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
    </Link>
  );
}
