export const staffRoleOptions = [
  { value: 'provider', label: 'Therapist (provider)' },
  { value: 'front_office', label: 'Front office' },
  { value: 'biller', label: 'Billing' },
  { value: 'external_agent', label: 'External agent' },
];
