import type { Team } from '@confide/api';
import { useState, type FormEvent } from 'react';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Field, TextInput } from '../../components/Field';
import { LoadingBlock } from '../../components/Spinner';
import { Alert } from '../../components/Toast';
import { AwayNote } from '../out-of-office/AwayNote';
import { roleLabel } from './conversations';
import { useRecipients } from './portal-queries';

/** Whom the pop-up's choice writes to: one person, or a team as a whole (R46). */
export type ComposeTarget = { personId: string } | { team: Team };

const TEAM_PREFIX = 'team:';

/**
 * The compose pop-up (R24): "Select provider" lists only whom this client may write to (R2) —
 * the Front office and Billing teams first (R46), then people; the unavailable are shown disabled
 * with the reason (R3). The green Next opens the chat (or, for a team, a new message to it).
 */
export function ComposeDialog({
  onClose,
  onNext,
}: {
  onClose: () => void;
  onNext: (target: ComposeTarget, subject: string) => void;
}) {
  const recipients = useRecipients();
  const [personId, setPersonId] = useState('');
  const [subject, setSubject] = useState('');
  const [error, setError] = useState<string | null>(null);
  const list = recipients.data?.recipients ?? [];
  const unavailable = list.filter((r) => !r.available);
  const teams = recipients.data?.teams ?? [];
  const chosen = list.find((r) => r.id === personId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!personId) {
      setError('Choose who you want to write to.');
      return;
    }
    if (subject.trim().length > 200) {
      setError('Keep the topic under 200 characters.');
      return;
    }
    const team = teams.find((t) => `${TEAM_PREFIX}${t.id}` === personId);
    onNext(team ? { team: team.id } : { personId }, subject.trim());
  };

  return (
    <Dialog
      title="New message"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form="portal-compose-form" variant="primary" className="portal-go">
            Next
          </Button>
        </>
      }
    >
      {recipients.isPending && <LoadingBlock label="Loading your providers…" />}
      {recipients.error && <Alert>Your providers could not be loaded. Close this and try again.</Alert>}
      {recipients.data && (
        <form id="portal-compose-form" onSubmit={submit} noValidate>
          <Field label="Select provider" error={error} isRequired>
            {({ id, describedBy, invalid }) => (
              <select
                id={id}
                className="input select"
                value={personId}
                onChange={(e) => {
                  setPersonId(e.target.value);
                  setError(null);
                }}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                data-autofocus
              >
                <option value="">Choose…</option>
                {teams.length > 0 && (
                  <optgroup label="Teams">
                    {teams.map((t) => (
                      <option key={t.id} value={`${TEAM_PREFIX}${t.id}`}>
                        {t.name} (team)
                      </option>
                    ))}
                  </optgroup>
                )}
                <optgroup label="People">
                  {list.map((r) => (
                    <option key={r.id} value={r.id} disabled={!r.available}>
                      {r.name} — {roleLabel(r.role)}
                      {r.available ? '' : ' (unavailable)'}
                    </option>
                  ))}
                </optgroup>
              </select>
            )}
          </Field>
          {chosen?.away && <AwayNote name={chosen.name} away={chosen.away} />}
          {unavailable.length > 0 && (
            <div className="portal-unavailable" role="note">
              {unavailable.map((r) => (
                <p key={r.id}>
                  <strong>{r.name}</strong>: {r.unavailableReason ?? 'not available for messaging right now.'}
                </p>
              ))}
            </div>
          )}
          <TextInput
            label="Topic (optional)"
            hint="A few words so your provider knows what it is about."
            value={subject}
            maxLength={200}
            onChange={(e) => setSubject(e.target.value)}
          />
        </form>
      )}
    </Dialog>
  );
}
