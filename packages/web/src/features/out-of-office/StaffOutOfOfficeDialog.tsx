import type { StaffMember } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { OutOfOfficePanel } from './OutOfOfficePanel';
import './out-of-office.css';

/** R40: an admin sets or ends a staff member's out of office, from the staff screen. */
export function StaffOutOfOfficeDialog({
  member,
  staff,
  onClose,
}: {
  member: StaffMember;
  staff: StaffMember[];
  onClose: () => void;
}) {
  const colleagues = staff
    .filter((s) => s.id !== member.id && !s.disabled && !s.invited && s.role !== 'external_agent')
    .map((s) => ({ id: s.id, name: s.name }));
  return (
    <Dialog title={`Out of office: ${member.name}`} onClose={onClose} footer={<Button onClick={onClose}>Close</Button>}>
      <OutOfOfficePanel memberId={member.id} who={member.name} colleagues={colleagues} />
    </Dialog>
  );
}
