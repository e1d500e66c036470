import { useState } from 'react';
import type { PracticeSettings } from '../../api';
import { TextInput } from '../../components/Field';

/** The most either setting takes (the contract's bound): one day. */
const MAX_MINUTES = 1440;

type MinutesKey = 'notificationDelayMinutes' | 'notificationDigestMinutes';

interface Props {
  form: PracticeSettings;
  set: <K extends keyof PracticeSettings>(key: K, value: PracticeSettings[K]) => void;
}

/** Why a typed value is not a number of minutes the practice may set, or null when it is. */
function minutesError(text: string): string | null {
  const isWhole = /^\d+$/.test(text.trim());
  return isWhole && Number(text) <= MAX_MINUTES
    ? null
    : `Enter a whole number of minutes from 0 to ${MAX_MINUTES} (one day).`;
}

/** One minutes field: keeps what was typed, so a bad value is shown and explained, not replaced. */
function MinutesField({ name, label, hint, form, set }: Props & { name: MinutesKey; label: string; hint: string }) {
  const [text, setText] = useState(String(form[name]));
  const error = minutesError(text);
  return (
    <TextInput
      label={label}
      hint={hint}
      error={error}
      type="number"
      inputMode="numeric"
      min={0}
      max={MAX_MINUTES}
      step={1}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        // A bad value stays a bad number, so the browser and the server refuse it rather than save 0.
        set(name, minutesError(event.target.value) ? Number.NaN : Number(event.target.value));
      }}
    />
  );
}

/**
 * R48: calm notifications — how long a new-message email waits for the message to be read, and
 * how often a person may be emailed while unread messages remain.
 */
export function NotificationTimingFields({ form, set }: Props) {
  return (
    <fieldset className="stack settings-fieldset">
      <legend>New-message emails</legend>
      <MinutesField
        name="notificationDelayMinutes"
        label="Wait before emailing (minutes)"
        hint="The email goes only if the message is still unread by then; 0 emails at once."
        form={form}
        set={set}
      />
      <MinutesField
        name="notificationDigestMinutes"
        label="Email each person at most once every (minutes)"
        hint="While unread messages remain, one email covers every message in that time; 0 emails about each message."
        form={form}
        set={set}
      />
      <p className="field-hint">
        Alerts about a possible crisis, reminders and overdue messages never wait. The email never says who wrote or
        what.
      </p>
    </fieldset>
  );
}
