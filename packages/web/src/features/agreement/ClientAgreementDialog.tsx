import type { ClientRecord } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ClientAgreementRecord } from './ClientAgreementRecord';

/** R43: from the admin's client list, which agreement versions the client accepted and when. */
export function ClientAgreementDialog({ client, onClose }: { client: ClientRecord; onClose: () => void }) {
  return (
    <Dialog title={client.name} onClose={onClose} footer={<Button onClick={onClose}>Close</Button>}>
      <ClientAgreementRecord clientId={client.id} />
    </Dialog>
  );
}
