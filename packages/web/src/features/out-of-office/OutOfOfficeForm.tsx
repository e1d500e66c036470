import type { OutOfOffice, OutOfOfficeRequest } from '@confide/api';
import { useState, type FormEvent } from 'react';
import { Button } from '../../components/Button';
import { Select, TextArea, TextInput } from '../../components/Field';
import { Alert } from '../../components/Toast';

/** A colleague who may cover: active staff who see every client (not external agents), not the member. */
export interface Colleague {
  id: string;
  name: string;
}

/** `YYYY-MM-DDTHH:mm` in the browser's time, as a datetime-local field holds it. */
function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Tomorrow at 9 am: where a new period's return starts. */
function tomorrowMorning(): Date {
  const date = new Date();
  date.setDate(date.getDate() + 1);
  date.setHours(9, 0, 0, 0);
  return date;
}

/**
 * R40: the period (from, back on), the short note of the automatic reply, and the covering
 * colleague. Used on a staff member's Account page and in the admin's staff screen.
 */
export function OutOfOfficeForm({
  current,
  colleagues,
  isBusy,
  error,
  submitLabel,
  onSave,
}: {
  current: OutOfOffice | null;
  colleagues: Colleague[];
  isBusy: boolean;
  error: string | null;
  submitLabel: string;
  onSave: (request: OutOfOfficeRequest) => void;
}) {
  const [startsAt, setStartsAt] = useState(toLocalInput(current ? new Date(current.startsAt) : new Date()));
  const [endsAt, setEndsAt] = useState(toLocalInput(current ? new Date(current.endsAt) : tomorrowMorning()));
  const [note, setNote] = useState(current?.note ?? '');
  const [coveringId, setCoveringId] = useState(current?.covering.id ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const start = new Date(startsAt);
    const end = new Date(endsAt);
    if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
      setProblem('Enter both the start and the return date and time.');
      return;
    }
    if (end <= start) {
      setProblem('The return must be after the start.');
      return;
    }
    if (!coveringId) {
      setProblem('Choose the colleague who covers messages meanwhile.');
      return;
    }
    setProblem(null);
    onSave({ startsAt: start.toISOString(), endsAt: end.toISOString(), note: note.trim(), coveringId });
  };

  return (
    <form className="account-form" onSubmit={submit} noValidate>
      {(problem ?? error) && <Alert>{problem ?? error}</Alert>}
      <TextInput
        label="Away from"
        type="datetime-local"
        required
        value={startsAt}
        onChange={(event) => setStartsAt(event.target.value)}
      />
      <TextInput
        label="Back on"
        type="datetime-local"
        required
        hint="Clients are told this day."
        value={endsAt}
        onChange={(event) => setEndsAt(event.target.value)}
      />
      <Select
        label="Covering colleague"
        required
        hint="Sees the messages clients send meanwhile, in their Inbox."
        options={[
          { value: '', label: 'Choose a colleague…' },
          ...colleagues.map((c) => ({ value: c.id, label: c.name })),
        ]}
        value={coveringId}
        onChange={(event) => setCoveringId(event.target.value)}
      />
      <TextArea
        label="Note for the automatic reply (optional)"
        hint="Shown to clients who write meanwhile. Keep it short; no personal details."
        rows={3}
        maxLength={300}
        value={note}
        onChange={(event) => setNote(event.target.value)}
      />
      <Button type="submit" variant="primary" isBusy={isBusy}>
        {submitLabel}
      </Button>
    </form>
  );
}
