import { describe, expect, it } from 'vitest';
import { fillPlaceholders, firstNameOf, unknownPlaceholders } from './saved-replies';

const values = { clientFirstName: 'Alex', staffName: 'Dr. Jo Park', practiceName: 'Cedar & Pine' };

describe('saved reply placeholders (R45)', () => {
  it('R45: fills every known placeholder, escaping the values', () => {
    const { html, unfilled } = fillPlaceholders(
      '<p>Hi {client.firstName}, this is {staff.name} at {practice.name}. { staff.name }</p>',
      values,
    );
    expect(html).toBe('<p>Hi Alex, this is Dr. Jo Park at Cedar &#38; Pine. Dr. Jo Park</p>');
    expect(unfilled).toEqual([]);
  });

  it('R45: a name that looks like markup stays text', () => {
    const { html } = fillPlaceholders('<p>{client.firstName}</p>', { ...values, clientFirstName: '<img src=x>' });
    expect(html).toBe('<p>&#60;img src=x&#62;</p>');
  });

  it('R45: without a single client, {client.firstName} stays as written and is reported', () => {
    const { html, unfilled } = fillPlaceholders('<p>Hi {client.firstName} — {staff.name}</p>', {
      ...values,
      clientFirstName: null,
    });
    expect(html).toBe('<p>Hi {client.firstName} — Dr. Jo Park</p>');
    expect(unfilled).toEqual(['{client.firstName}']);
  });

  it('R45: unknown placeholders are found, known ones and other braces are not', () => {
    expect(unknownPlaceholders('{client.firstName} {client.lastName} {staff.name} {x} {1} {}')).toEqual([
      '{client.lastName}',
      '{x}',
    ]);
  });

  it('R45: a first name is the first word of the name', () => {
    expect(firstNameOf('  Alex M. Rivera ')).toBe('Alex');
    expect(firstNameOf('Prince')).toBe('Prince');
  });
});
