import { useState } from 'react';
import { errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { LoadingBlock } from '../../components/Spinner';
import { Alert } from '../../components/Toast';
import { useMe } from '../../session/session';
import { formatAwayMoment } from './away';
import { OutOfOfficeForm, type Colleague } from './OutOfOfficeForm';
import { useOutOfOffice, useSaveOutOfOffice } from './out-of-office-queries';

/**
 * R40: a member's out of office — what is set (running or ahead) with Change and End, or the
 * form to set one. `who` names the member in sentences: "You" on one's own Account page.
 */
export function OutOfOfficePanel({
  memberId,
  who,
  colleagues,
}: {
  memberId: string;
  who: string;
  colleagues: Colleague[];
}) {
  const me = useMe();
  const period = useOutOfOffice(memberId);
  const save = useSaveOutOfOffice(memberId);
  const [isEditing, setEditing] = useState(false);
  const isYou = memberId === 'me';

  if (period.isPending) return <LoadingBlock label="Loading the out-of-office status…" />;
  if (period.isError) return <Alert>{errorMessage(period.error)}</Alert>;
  const current = period.data;
  const error = save.isError ? errorMessage(save.error) : null;
  const zone = me.practice.timeZone;

  if (current && !isEditing) {
    return (
      <div className="ooo-status" role="status">
        <p>
          <strong>
            {current.isActive
              ? `${who} ${isYou ? 'are' : 'is'} out of office until ${formatAwayMoment(current.endsAt, zone)}.`
              : `${who} will be out of office from ${formatAwayMoment(current.startsAt, zone)} until ${formatAwayMoment(current.endsAt, zone)}.`}
          </strong>{' '}
          {current.covering.name} covers {isYou ? 'your' : 'their'} messages; clients who write get an automatic reply
          saying so.
        </p>
        {current.note && <p className="muted">Note: {current.note}</p>}
        {error && <Alert>{error}</Alert>}
        <div className="row">
          <Button size="small" onClick={() => setEditing(true)}>
            Change
          </Button>
          <Button size="small" isBusy={save.isPending} onClick={() => save.mutate(null)}>
            {current.isActive ? 'End out of office now' : 'Cancel out of office'}
          </Button>
        </div>
      </div>
    );
  }

  return (
    <OutOfOfficeForm
      current={current}
      colleagues={colleagues}
      isBusy={save.isPending}
      error={error}
      submitLabel={current ? 'Save changes' : 'Set out of office'}
      onSave={(request) => save.mutate(request, { onSuccess: () => setEditing(false) })}
    />
  );
}
