import { responseTimeWords, weekdays, type Weekday } from '@confide/api';
import type { PracticeSettings } from '../../api';
import { Checkbox, Select, TextArea, TextInput } from '../../components/Field';
import '../safety/safety.css';

const dayNames: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

function timeZones(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes(current) ? zones : [current, ...zones];
}

interface Props {
  form: PracticeSettings;
  set: <K extends keyof PracticeSettings>(key: K, value: PracticeSettings[K]) => void;
}

/**
 * R39/R41: the practice's hours and the promise made to clients — time zone, weekly hours,
 * closed days, response time in business days, and when an unopened message reminds its staff.
 */
export function PracticeHoursFields({ form, set }: Props) {
  const setDay = (day: Weekday, value: PracticeSettings['hours'][Weekday]) =>
    set('hours', { ...form.hours, [day]: value });
  return (
    <fieldset className="stack hours-fieldset">
      <legend>Hours and the reply promise</legend>
      <Select
        label="Time zone"
        options={timeZones(form.timeZone).map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') }))}
        value={form.timeZone}
        onChange={(event) => set('timeZone', event.target.value)}
      />
      <div className="hours-days" role="group" aria-label="Weekly hours">
        {weekdays.map((day) => {
          const hours = form.hours[day];
          return (
            <div key={day} className="hours-day" role="group" aria-label={dayNames[day]}>
              <Checkbox
                label={dayNames[day]}
                checked={hours !== null}
                onChange={(event) => setDay(day, event.target.checked ? { open: '09:00', close: '17:00' } : null)}
              />
              {hours ? (
                <span className="hours-times">
                  <input
                    type="time"
                    className="input"
                    aria-label={`${dayNames[day]} opens at`}
                    value={hours.open}
                    onChange={(event) => setDay(day, { ...hours, open: event.target.value })}
                  />
                  <span aria-hidden="true">–</span>
                  <input
                    type="time"
                    className="input"
                    aria-label={`${dayNames[day]} closes at`}
                    value={hours.close}
                    onChange={(event) => setDay(day, { ...hours, close: event.target.value })}
                  />
                </span>
              ) : (
                <span className="muted small">Closed</span>
              )}
            </div>
          );
        })}
      </div>
      <TextArea
        label="Closed days (one date per line, like 2026-12-25)"
        hint="Holidays and other days the practice is closed; they do not count as business days."
        rows={3}
        value={form.closedDays.join('\n')}
        onChange={(event) => set('closedDays', event.target.value.split('\n'))}
      />
      <TextInput
        label="Reply promised within (business days)"
        type="number"
        min={1}
        max={30}
        hint={`Each client message shows when a reply can be expected. Past that time it is escalated as Overdue.`}
        value={form.responseBusinessDays}
        onChange={(event) => set('responseBusinessDays', Number(event.target.value))}
      />
      <TextInput
        label="Remind staff of an unopened message after (business hours)"
        type="number"
        min={1}
        max={200}
        value={form.reminderBusinessHours}
        onChange={(event) => set('reminderBusinessHours', Number(event.target.value))}
      />
      <TextInput
        label="Typical response time (optional)"
        hint={`Shown to clients next to the emergency disclaimer. Left empty, it says “${responseTimeWords(form.responseBusinessDays)}”.`}
        value={form.responseTimeText ?? ''}
        onChange={(event) => set('responseTimeText', event.target.value === '' ? null : event.target.value)}
      />
    </fieldset>
  );
}
