import { AccountPage } from '../account/AccountPage';
import { OwnAccessReport } from './OwnAccessReport';
import { OwnRecordsDownload } from './OwnRecordsDownload';
import { usePortalSignOut } from './use-portal-sign-out';

/** The client's Account page (R52), with who opened their messages (R38) and their download (R50). */
export function PortalAccount() {
  const signOut = usePortalSignOut();
  return (
    <AccountPage onSignOutEverywhere={() => signOut(true)}>
      <OwnAccessReport />
      <OwnRecordsDownload />
    </AccountPage>
  );
}
