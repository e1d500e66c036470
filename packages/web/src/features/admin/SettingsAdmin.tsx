import { useEffect, useState, type FormEvent } from 'react';
import { api, errorMessage, type PracticeSettings } from '../../api';
import { Button } from '../../components/Button';
import { Checkbox, Select, TextArea, TextInput } from '../../components/Field';
import { LoadingBlock } from '../../components/Spinner';
import { Alert, useToast } from '../../components/Toast';
import { useTitle } from '../../session/use-title';
import { AgreementSettings } from '../agreement/AgreementSettings';
import { useAdminMutation, useSettings } from './admin-queries';
import { NotificationTimingFields } from './NotificationTimingFields';
import { PracticeHoursFields } from './PracticeHoursFields';
import { RetentionField } from './RetentionField';

/** The practice settings of SPEC §4, and the messaging agreement (R43). */
export function SettingsAdmin() {
  const toast = useToast();
  const settings = useSettings();
  const [form, setForm] = useState<PracticeSettings | null>(null);
  useTitle('Practice settings');
  useEffect(() => {
    if (settings.data && !form) setForm(settings.data);
  }, [settings.data, form]);
  const save = useAdminMutation((next: PracticeSettings) => api.patch('/api/admin/settings', next));

  if (settings.isPending || !form)
    return settings.isError ? <Alert>{errorMessage(settings.error)}</Alert> : <LoadingBlock />;
  const set = <K extends keyof PracticeSettings>(key: K, value: PracticeSettings[K]) =>
    setForm({ ...form, [key]: value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const crisisWords = form.crisisWords.map((word) => word.trim()).filter((word) => word.length > 0);
    const closedDays = form.closedDays.map((day) => day.trim()).filter((day) => day.length > 0);
    save.mutate({ ...form, crisisWords, closedDays }, { onSuccess: () => toast('Settings saved.') });
  };

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Practice settings</h1>
      <form className="card card-pad stack settings-form" onSubmit={submit}>
        {save.isError && <Alert>{errorMessage(save.error)}</Alert>}
        <Checkbox
          label="Require two-factor sign-in for staff"
          checked={form.requireStaffMfa}
          onChange={(event) => set('requireStaffMfa', event.target.checked)}
        />
        <TextInput
          label="Minimum message length"
          type="number"
          min={1}
          max={1000}
          hint="Visible characters; white space does not count."
          value={form.minBodyLength}
          onChange={(event) => set('minBodyLength', Number(event.target.value))}
        />
        <TextInput
          label="Sign out after inactivity (minutes)"
          type="number"
          min={1}
          max={720}
          value={form.idleTimeoutMinutes}
          onChange={(event) => set('idleTimeoutMinutes', Number(event.target.value))}
        />
        <Select
          label="Client portal layout"
          options={[
            { value: 'chat', label: 'Chat (provider cards and a chat window)' },
            { value: 'mail', label: 'Mail (folders, like the staff side)' },
          ]}
          value={form.clientLayout}
          onChange={(event) => set('clientLayout', event.target.value as PracticeSettings['clientLayout'])}
        />
        <Checkbox
          label="Show clients when their messages were read"
          checked={form.clientReadReceipts}
          onChange={(event) => set('clientReadReceipts', event.target.checked)}
        />
        <PracticeHoursFields form={form} set={set} />
        <TextArea
          label="Notification email sentence"
          hint="Never include names or details: the email only says a message is waiting."
          rows={3}
          value={form.notificationText}
          onChange={(event) => set('notificationText', event.target.value)}
        />
        <NotificationTimingFields form={form} set={set} />
        <TextArea
          label="Words of crisis (one per line)"
          hint="A client message with any of these is sent as usual, the client is shown crisis lines, and the thread is flagged for its staff and the escalation group. Case, accents, simple word endings and common misspellings are matched."
          rows={8}
          value={form.crisisWords.join('\n')}
          onChange={(event) => set('crisisWords', event.target.value.split('\n'))}
        />
        <Select
          label="Escalation group"
          hint="Alerted about possible crisis and overdue messages, besides the thread's own staff."
          options={[
            { value: 'front_office', label: 'Front office' },
            { value: 'providers', label: 'All providers' },
          ]}
          value={form.escalationGroup}
          onChange={(event) => set('escalationGroup', event.target.value as PracticeSettings['escalationGroup'])}
        />
        <RetentionField value={form.retentionYears} onChange={(years) => set('retentionYears', years)} />
        <div>
          <Button type="submit" variant="primary" isBusy={save.isPending}>
            Save settings
          </Button>
        </div>
      </form>
      <AgreementSettings />
    </section>
  );
}
