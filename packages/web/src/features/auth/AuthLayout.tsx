import type { ReactNode } from 'react';
import { LockIcon } from '../../components/icons';

/** The calm centred card every signed-out page uses. */
export function AuthLayout({
  practiceName,
  title,
  children,
}: {
  practiceName?: string;
  title: string;
  children: ReactNode;
}) {
  return (
    <div className="auth-page">
      <main id="main" className="auth-card">
        <div className="auth-brand">
          <span className="auth-logo" aria-hidden="true">
            <LockIcon />
          </span>
          <span className="auth-practice">{practiceName ?? 'Confide'}</span>
        </div>
        <h1 className="auth-title">{title}</h1>
        {children}
      </main>
      <p className="auth-footer">Confide · secure messaging for your practice</p>
    </div>
  );
}
