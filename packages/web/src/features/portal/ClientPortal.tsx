import { lazy, Suspense } from 'react';
import { NavLink, Navigate, Route, Routes, useParams } from 'react-router';
import { LoadingBlock } from '../../components/Spinner';
import { useMe } from '../../session/session';
import { useUnreadCount } from '../../session/unread';
import { MessagesPage } from './MessagesPage';
import { PortalHome } from './PortalHome';
import { usePortalSignOut } from './use-portal-sign-out';
import './portal.css';

// Account (two-factor setup with its QR drawing, passkeys) loads when opened, not with the chat.
const PortalAccount = lazy(() => import('./PortalAccount').then((m) => ({ default: m.PortalAccount })));

/**
 * The client portal under /p/:slug/: a sidebar menu anchored left (a top bar on a phone) whose
 * last item is Messages, with the green "UNREAD" mark while anything is unread (R12, R22). Account
 * and Sign out are one click from every page (R52).
 */
export function ClientPortal() {
  const { slug = '' } = useParams();
  const me = useMe();
  const unread = useUnreadCount();
  const signOut = usePortalSignOut();
  const base = `/p/${slug}`;
  const link = ({ isActive }: { isActive: boolean }) => (isActive ? 'portal-nav-link is-active' : 'portal-nav-link');
  return (
    <div className="portal">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <aside className="portal-sidebar">
        <div className="portal-sidebar-inner">
          <div className="portal-brand">{me.practice.name}</div>
          <nav aria-label="Portal menu">
            <ul className="portal-nav">
              <li>
                <NavLink to={base} end className={link}>
                  Home
                </NavLink>
              </li>
              <li>
                <NavLink to={`${base}/account`} className={link}>
                  Account
                </NavLink>
              </li>
              <li>
                <NavLink to={`${base}/messages`} className={link}>
                  Messages
                  {unread > 0 && (
                    <span className="portal-unread-badge">
                      UNREAD<span className="visually-hidden"> ({unread})</span>
                    </span>
                  )}
                </NavLink>
              </li>
            </ul>
          </nav>
          <button type="button" className="portal-signout" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </aside>
      <main id="main" className="portal-main" tabIndex={-1}>
        <Routes>
          <Route index element={<PortalHome base={base} />} />
          <Route path="messages/*" element={<MessagesPage base={`${base}/messages`} />} />
          <Route
            path="account"
            element={
              <Suspense fallback={<LoadingBlock />}>
                <PortalAccount />
              </Suspense>
            }
          />
          <Route path="*" element={<Navigate to={base} replace />} />
        </Routes>
      </main>
    </div>
  );
}
