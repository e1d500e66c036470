import type { ReactNode } from 'react';
import { useSession } from '../../session/session';
import { useTitle } from '../../session/use-title';
import { PasskeysSection } from './PasskeysSection';
import { PasswordSection } from './PasswordSection';
import { SessionsSection } from './SessionsSection';
import { TwoFactorSection } from './TwoFactorSection';
import './account.css';

/**
 * R52: everyone's Account page — name and email, password, two-factor with a QR code, passkeys
 * (R53), and the signed-in sessions with sign out everywhere. `children` adds what only one side
 * has (a client's access report and download).
 */
export function AccountPage({
  onSignOutEverywhere,
  afterProfile,
  children,
}: {
  onSignOutEverywhere: () => Promise<void>;
  /** What one side shows right under the profile (staff: their out of office, R40). */
  afterProfile?: ReactNode;
  children?: ReactNode;
}) {
  useTitle('Account');
  const { me } = useSession();
  return (
    <div className="account">
      <h1 className="account-title">Account</h1>
      <section className="account-panel" aria-labelledby="profile-title">
        <h2 id="profile-title" className="account-section-title">
          You
        </h2>
        <dl className="account-facts">
          <dt>Name</dt>
          <dd>{me.user.name}</dd>
          <dt>Email</dt>
          <dd>{me.user.email}</dd>
          <dt>Practice</dt>
          <dd>{me.practice.name}</dd>
        </dl>
        <p className="muted small">To change your name or email, ask {me.practice.name}.</p>
      </section>
      {afterProfile}
      <PasswordSection />
      <TwoFactorSection />
      <PasskeysSection />
      <SessionsSection onSignOutEverywhere={onSignOutEverywhere} />
      {children}
    </div>
  );
}
