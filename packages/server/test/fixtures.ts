import type { PracticeFixture } from '../src/modules/practices/fixture';

export const PASSWORD = 'tidal-harbor-lantern-42';

let counter = 0;
/** A practice slug unique within this run. */
export function uniqueSlug(prefix = 'p'): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

/**
 * The standard practice of the API tests: an admin, two providers, front office, a biller,
 * an external agent; clients active, inactive and without a portal; care teams current and past.
 * Two-factor is off unless a test turns it on.
 */
export function standardPractice(
  slug = uniqueSlug(),
  settings: PracticeFixture['practice']['settings'] = {},
): PracticeFixture {
  const staff = (key: string, role: PracticeFixture['staff'][number]['role'], admin = false) => ({
    key,
    name: `Staff ${key}`,
    email: `${key}@${slug}.example`,
    password: PASSWORD,
    role,
    admin,
  });
  return {
    practice: { slug, name: `Practice ${slug}`, settings: { requireStaffMfa: false, ...settings } },
    staff: [
      staff('admin', 'front_office', true),
      staff('p1', 'provider'),
      staff('p2', 'provider'),
      staff('p3', 'provider'),
      staff('fo', 'front_office'),
      staff('biller', 'biller'),
      staff('agent', 'external_agent'),
    ],
    clients: [
      {
        key: 'c1',
        name: 'Client One Canary',
        email: `c1@${slug}.example`,
        password: PASSWORD,
        status: 'active',
        portal: true,
        providers: [
          { key: 'p1', status: 'current' },
          { key: 'p2', status: 'past' },
        ],
      },
      {
        key: 'c2',
        name: 'Client Two',
        email: `c2@${slug}.example`,
        password: PASSWORD,
        status: 'active',
        portal: true,
        providers: [{ key: 'p1', status: 'current' }],
      },
      {
        key: 'c3',
        name: 'Client Three Inactive',
        email: `c3@${slug}.example`,
        password: PASSWORD,
        status: 'inactive',
        portal: true,
        providers: [{ key: 'p1', status: 'current' }],
      },
      {
        key: 'c4',
        name: 'Client Four NoPortal',
        email: `c4@${slug}.example`,
        status: 'active',
        portal: false,
        providers: [{ key: 'p1', status: 'current' }],
      },
    ],
  };
}

/** The email of a person of the standard practice. */
export function emailOf(slug: string, key: string): string {
  return `${key}@${slug}.example`;
}
