import { Link } from 'react-router';
import { Select, TextInput } from '../../components/Field';
import { useMe } from '../../session/session';

/** A retention period a practice commonly keeps records for, offered when it first picks one. */
const SUGGESTED_YEARS = 7;

/** R51: how long messages are kept — for ever (the default) or a number of years. */
export function RetentionField({
  value,
  onChange,
}: {
  value: number | null;
  onChange: (years: number | null) => void;
}) {
  const me = useMe();
  return (
    <>
      <Select
        label="Keep messages"
        hint={
          <>
            Conversations with no message for longer are destroyed for good by a daily run, files included, as a
            deletion is. The audit log keeps the fact.{' '}
            <Link to={`/p/${me.practice.slug}/admin/retention`}>See what the next run removes</Link>.
          </>
        }
        options={[
          { value: 'forever', label: 'For ever' },
          { value: 'years', label: 'For a number of years' },
        ]}
        value={value === null ? 'forever' : 'years'}
        onChange={(event) => onChange(event.target.value === 'forever' ? null : (value ?? SUGGESTED_YEARS))}
      />
      {value !== null && (
        <TextInput
          label="Years to keep messages"
          type="number"
          min={1}
          max={100}
          required
          value={value}
          onChange={(event) => onChange(Math.max(1, Math.round(Number(event.target.value)) || 1))}
        />
      )}
    </>
  );
}
