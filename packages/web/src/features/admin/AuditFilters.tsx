import { Button } from '../../components/Button';
import { Select, TextInput } from '../../components/Field';
import { auditActionOptions, noAuditFilters, type AuditFilterValues } from './audit-filters';

interface Props {
  values: AuditFilterValues;
  people: { value: string; label: string }[];
  clients: { value: string; label: string }[];
  onChange: (values: AuditFilterValues) => void;
}

/** R32: the audit log's filters — person, client, action, date range. */
export function AuditFilters({ values, people, clients, onChange }: Props) {
  const set = (patch: Partial<AuditFilterValues>) => onChange({ ...values, ...patch });
  const isFiltered = Object.values(values).some(Boolean);
  return (
    <form
      className="audit-filters card card-pad"
      aria-label="Filter the audit log"
      onSubmit={(e) => e.preventDefault()}
    >
      <Select
        label="Person"
        value={values.person}
        options={[{ value: '', label: 'Anyone' }, ...people]}
        onChange={(e) => set({ person: e.target.value })}
      />
      <Select
        label="Client"
        value={values.client}
        options={[{ value: '', label: 'Any client' }, ...clients]}
        onChange={(e) => set({ client: e.target.value })}
      />
      <Select
        label="Action"
        value={values.action}
        options={[{ value: '', label: 'Any action' }, ...auditActionOptions]}
        onChange={(e) => set({ action: e.target.value })}
      />
      <TextInput label="From" type="date" value={values.fromDay} onChange={(e) => set({ fromDay: e.target.value })} />
      <TextInput label="To" type="date" value={values.toDay} onChange={(e) => set({ toDay: e.target.value })} />
      {isFiltered && (
        <Button className="audit-filters-clear" onClick={() => onChange(noAuditFilters)}>
          Clear filters
        </Button>
      )}
    </form>
  );
}
