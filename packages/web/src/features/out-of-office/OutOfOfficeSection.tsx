import { RecipientsResponse } from '@confide/api';
import { useQuery } from '@tanstack/react-query';
import { api, queryKeys } from '../../api';
import { useMe } from '../../session/session';
import type { Colleague } from './OutOfOfficeForm';
import { OutOfOfficePanel } from './OutOfOfficePanel';
import './out-of-office.css';

/** R40: a staff member's own out of office, on their Account page. */
export function OutOfOfficeSection() {
  const me = useMe();
  const recipients = useQuery({
    queryKey: queryKeys.recipients(''),
    queryFn: () => api.get('/api/recipients', RecipientsResponse),
  });
  const colleagues: Colleague[] = (recipients.data?.recipients ?? [])
    .filter((r) => r.kind === 'staff' && r.role !== 'external_agent' && r.available && r.id !== me.user.id)
    .map((r) => ({ id: r.id, name: r.name }));
  return (
    <section className="account-panel" aria-labelledby="ooo-title">
      <h2 id="ooo-title" className="account-section-title">
        Out of office
      </h2>
      <p className="muted small">
        While you are away, clients who write to you get an automatic reply from {me.practice.name} saying when you are
        back, and the colleague you choose sees their messages in their Inbox.
      </p>
      <OutOfOfficePanel memberId="me" who="You" colleagues={colleagues} />
    </section>
  );
}
