/**
 * The practices every browser test starts from (SPEC §4 fixture format). Keys name people in
 * tests; `seeded()` gives their ids once global setup has run.
 */
export const PASSWORD = 'tidal-harbor-lantern-42';
export const SLUG = 'riverside';
export const MFA_SLUG = 'harbor';
/** Base32 secret of the staff member `totp` (Robin Hale) for two-factor sign-in. */
export const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

const staff = (key: string, name: string, role: string, extra: Record<string, unknown> = {}) => ({
  key,
  name,
  email: `${key}@riverside.example`,
  password: PASSWORD,
  role,
  ...extra,
});
const client = (key: string, name: string, providers: { key: string; status: string }[], extra = {}) => ({
  key,
  name,
  email: `${key}@riverside.example`,
  password: PASSWORD,
  status: 'active',
  portal: true,
  providers,
  ...extra,
});

export const riverside = {
  practice: { slug: SLUG, name: 'Riverside Counseling', settings: { requireStaffMfa: false, clientLayout: 'chat' } },
  staff: [
    staff('admin', 'Dana Whitfield', 'front_office', { admin: true }),
    staff('p1', 'Dr. Maya Chen', 'provider'),
    staff('p2', 'Dr. Sam Ortiz', 'provider'),
    staff('fo', 'Jordan Lee', 'front_office'),
    staff('biller', 'Pat Kim', 'biller'),
    staff('agent', 'Alex Morgan', 'external_agent'),
    staff('totp', 'Robin Hale', 'provider', { totpSecret: TOTP_SECRET }),
    staff('p3', 'Dr. Lena Park', 'provider'),
    // Sends only in the first-send test, so nothing is in her Sent folder before it.
    staff('first', 'Dr. Noor Haddad', 'provider'),
  ],
  clients: [
    client('c1', 'Avery Brooks', [
      { key: 'p1', status: 'current' },
      { key: 'p2', status: 'past' },
    ]),
    client('c2', 'Casey Doyle', [{ key: 'p1', status: 'current' }]),
    client('c3', 'Riley Shaw', [{ key: 'p1', status: 'current' }], { status: 'inactive' }),
    client('c4', 'Jamie Fox', [{ key: 'p1', status: 'current' }], { portal: false, password: undefined }),
    client('c5', 'Morgan Diaz', [{ key: 'p3', status: 'current' }]),
    client('c6', 'Quinn Avila', [{ key: 'p1', status: 'current' }]),
  ],
};

/** A second practice that requires two-factor for staff: its staff must enrol first. */
export const harbor = {
  practice: { slug: MFA_SLUG, name: 'Harbor Family Therapy', settings: { requireStaffMfa: true } },
  staff: [
    { key: 'new', name: 'Taylor Reed', email: 'new@harbor.example', password: PASSWORD, role: 'provider' },
    // Enrols a passkey instead of an authenticator app, in the passkey test only (R53).
    { key: 'pk', name: 'Sam Rivera', email: 'pk@harbor.example', password: PASSWORD, role: 'provider' },
  ],
  clients: [],
};

export const IDLE_SLUG = 'brook';
/** Base32 secret of Brook's provider `p1`, who signs in with a code. */
export const BROOK_TOTP_SECRET = 'KRUGS4ZANFZSAYJAONSWG4TFOQQGW2LU';

/** A practice with a 1-minute idle timeout (R29), requiring two-factor for staff. */
export const brook = {
  practice: {
    slug: IDLE_SLUG,
    name: 'Brook Street Therapy',
    settings: { requireStaffMfa: true, idleTimeoutMinutes: 1, clientLayout: 'chat' },
  },
  staff: [
    {
      key: 'p1',
      name: 'Dr. Ruth Okafor',
      email: 'p1@brook.example',
      password: PASSWORD,
      role: 'provider',
      totpSecret: BROOK_TOTP_SECRET,
    },
    { key: 'new', name: 'Kim Sato', email: 'new@brook.example', password: PASSWORD, role: 'provider' },
  ],
  clients: [
    {
      key: 'c1',
      name: 'Lee Novak',
      email: 'c1@brook.example',
      password: PASSWORD,
      status: 'active',
      portal: true,
      providers: [{ key: 'p1', status: 'current' }],
    },
  ],
};

/** A person of a practice owned by one spec: `key@<slug>.example`, the shared password. */
const person = (slug: string, key: string, name: string, extra: Record<string, unknown>) => ({
  key,
  name,
  email: `${key}@${slug}.example`,
  password: PASSWORD,
  ...extra,
});

export const OOO_SLUG = 'willow';
/**
 * R40 (out-of-office.spec): its own practice, so an away provider and the threads their covering
 * colleague is given never meet another spec's people.
 */
export const willow = {
  practice: {
    slug: OOO_SLUG,
    name: 'Willow Creek Counseling',
    settings: { requireStaffMfa: false, clientLayout: 'chat' },
  },
  staff: [
    person(OOO_SLUG, 'admin', 'Wren Ellis', { role: 'front_office', admin: true }),
    person(OOO_SLUG, 'p1', 'Dr. Iris Vale', { role: 'provider' }),
    person(OOO_SLUG, 'p2', 'Dr. Omar Reyes', { role: 'provider' }),
    person(OOO_SLUG, 'p3', 'Dr. Tess Quinn', { role: 'provider' }),
  ],
  clients: [
    person(OOO_SLUG, 'c1', 'Harper Lane', {
      status: 'active',
      portal: true,
      providers: [
        { key: 'p1', status: 'current' },
        { key: 'p2', status: 'current' },
      ],
    }),
  ],
};

export const AGREEMENT_SLUG = 'cedar';
/** R43 (agreement.spec): its own practice, since a published agreement asks every client of it. */
export const cedar = {
  practice: {
    slug: AGREEMENT_SLUG,
    name: 'Cedar Lane Therapy',
    settings: { requireStaffMfa: false, clientLayout: 'chat' },
  },
  staff: [
    person(AGREEMENT_SLUG, 'admin', 'Mara Stone', { role: 'front_office', admin: true }),
    person(AGREEMENT_SLUG, 'p1', 'Dr. Felix Ward', { role: 'provider' }),
  ],
  clients: [
    person(AGREEMENT_SLUG, 'c1', 'Sasha Moreno', {
      status: 'active',
      portal: true,
      providers: [{ key: 'p1', status: 'current' }],
    }),
  ],
};

export const SEARCH_SLUG = 'aspen';
/**
 * R44 (search.spec): its own practice, so what a search finds is only this spec's threads; two
 * clients share a group thread to show that one never finds the other (R36).
 */
export const aspen = {
  practice: {
    slug: SEARCH_SLUG,
    name: 'Aspen Grove Counseling',
    settings: { requireStaffMfa: false, clientLayout: 'chat' },
  },
  staff: [
    person(SEARCH_SLUG, 'admin', 'Ruth Okafor', { role: 'front_office', admin: true }),
    person(SEARCH_SLUG, 'p1', 'Dr. Nina Park', { role: 'provider' }),
  ],
  clients: [
    person(SEARCH_SLUG, 'c1', 'Maya Torres', {
      status: 'active',
      portal: true,
      providers: [{ key: 'p1', status: 'current' }],
    }),
    person(SEARCH_SLUG, 'c2', 'Owen Blake', {
      status: 'active',
      portal: true,
      providers: [{ key: 'p1', status: 'current' }],
    }),
  ],
};

export const TEAM_SLUG = 'maple';
/**
 * R46 (team-inbox.spec): its own practice, so the Front office team's threads are this spec's
 * alone: two front office members share them, a biller stands outside, the admin is a provider.
 */
export const maple = {
  practice: {
    slug: TEAM_SLUG,
    name: 'Maple Street Counseling',
    settings: { requireStaffMfa: false, clientLayout: 'chat' },
  },
  staff: [
    person(TEAM_SLUG, 'admin', 'Dr. Grace Moss', { role: 'provider', admin: true }),
    person(TEAM_SLUG, 'fo1', 'Lena Brooks', { role: 'front_office' }),
    person(TEAM_SLUG, 'fo2', 'Marco Diaz', { role: 'front_office' }),
    person(TEAM_SLUG, 'biller', 'Ada Quinn', { role: 'biller' }),
  ],
  clients: [
    person(TEAM_SLUG, 'c1', 'Taylor Reed', {
      status: 'active',
      portal: true,
      providers: [{ key: 'admin', status: 'current' }],
    }),
  ],
};

export const REPLIES_SLUG = 'birch';
/**
 * R45/R47 (replies-receipts.spec): its own practice, so its saved replies and receipts are this
 * spec's alone; clients see read receipts here (`clientReadReceipts` on).
 */
export const birch = {
  practice: {
    slug: REPLIES_SLUG,
    name: 'Birch Lane Therapy',
    settings: { requireStaffMfa: false, clientLayout: 'chat', clientReadReceipts: true },
  },
  staff: [
    person(REPLIES_SLUG, 'admin', 'Iris Bell', { role: 'front_office', admin: true }),
    person(REPLIES_SLUG, 'p1', 'Dr. Sam Cole', { role: 'provider' }),
  ],
  clients: [
    person(REPLIES_SLUG, 'c1', 'Jordan Lee', {
      status: 'active',
      portal: true,
      providers: [{ key: 'p1', status: 'current' }],
    }),
  ],
};

/** Email of a fixture person of Riverside. */
export function emailOf(key: string): string {
  return `${key}@riverside.example`;
}
