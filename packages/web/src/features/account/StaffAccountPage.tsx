import { api } from '../../api';
import { useSession } from '../../session/session';
import { OutOfOfficeSection } from '../out-of-office/OutOfOfficeSection';
import { AccountPage } from './AccountPage';

/** The staff side's Account page (R52), reached from their name in the header, with their out of office (R40). */
export function StaffAccountPage() {
  const { signOut } = useSession();
  return (
    <main id="main" className="page page-narrow" tabIndex={-1}>
      <AccountPage
        onSignOutEverywhere={async () => {
          await api.post('/api/auth/logout?everywhere=true');
          await signOut();
        }}
        afterProfile={<OutOfOfficeSection />}
      />
    </main>
  );
}
