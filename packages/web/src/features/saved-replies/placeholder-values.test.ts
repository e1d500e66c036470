import { describe, expect, it } from 'vitest';
import { placeholderValues } from './placeholder-values';

const me = { user: { name: 'Jo Park' }, practice: { name: 'Cedar Counseling' } };

describe('saved reply placeholder values (R45)', () => {
  it('R45: one client among the people names them by first name', () => {
    const values = placeholderValues(me, [
      { role: 'provider', name: 'Jo Park' },
      { role: 'client', name: 'Alex Rivera' },
      { kind: 'group' },
    ]);
    expect(values).toEqual({ clientFirstName: 'Alex', staffName: 'Jo Park', practiceName: 'Cedar Counseling' });
  });

  it('R45: no client, or several, names nobody', () => {
    expect(placeholderValues(me, [{ role: 'front_office', name: 'Sam' }]).clientFirstName).toBeNull();
    expect(
      placeholderValues(me, [
        { role: 'client', name: 'Alex Rivera' },
        { role: 'client', name: 'Bea Stone' },
      ]).clientFirstName,
    ).toBeNull();
  });
});
