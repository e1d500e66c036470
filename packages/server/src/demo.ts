import type { AppContext } from './context';
import { AppError } from './errors';
import type { PracticeFixture } from './modules/practices/fixture';
import { seedPractice } from './modules/practices/seed-practice';
import { seedDemoHistory } from './demo-history';

const PASSWORD = 'riverside-demo-2026';

/** The demo practice: a person of every role, clients active and inactive, and some history. */
export const demoFixture: PracticeFixture = {
  practice: {
    slug: 'demo',
    name: 'Riverside Counseling (demo)',
    settings: { requireStaffMfa: false },
  },
  staff: [
    {
      key: 'admin',
      name: 'Dana Whitfield',
      email: 'dana@riverside.example',
      password: PASSWORD,
      role: 'front_office',
      admin: true,
    },
    { key: 'chen', name: 'Dr. Maya Chen', email: 'maya@riverside.example', password: PASSWORD, role: 'provider' },
    { key: 'ortiz', name: 'Sam Ortiz, LCSW', email: 'sam@riverside.example', password: PASSWORD, role: 'provider' },
    { key: 'biller', name: 'Priya Nair', email: 'priya@riverside.example', password: PASSWORD, role: 'biller' },
    {
      key: 'agent',
      name: 'Leo Brandt (case manager)',
      email: 'leo@county.example',
      password: PASSWORD,
      role: 'external_agent',
    },
  ],
  clients: [
    {
      key: 'alex',
      name: 'Alex Rivera',
      email: 'alex@client.example',
      password: PASSWORD,
      status: 'active',
      portal: true,
      providers: [
        { key: 'chen', status: 'current' },
        { key: 'ortiz', status: 'past' },
      ],
    },
    {
      key: 'jordan',
      name: 'Jordan Lee',
      email: 'jordan@client.example',
      password: PASSWORD,
      status: 'active',
      portal: true,
      providers: [{ key: 'chen', status: 'current' }],
      // Leo, the county case manager, works with Jordan only (R37).
      externalAgents: [{ key: 'agent' }],
    },
    {
      key: 'casey',
      name: 'Casey Morgan',
      email: 'casey@client.example',
      password: PASSWORD,
      status: 'inactive',
      portal: true,
      providers: [{ key: 'ortiz', status: 'current' }],
    },
  ],
};

/** Creates the demo practice unless it exists; returns the sign-in lines to print. */
export async function ensureDemo(ctx: AppContext): Promise<{ created: boolean; lines: string[] }> {
  let created = true;
  try {
    const { practiceId, ids } = await seedPractice(ctx, demoFixture);
    await seedDemoHistory(ctx, practiceId, ids);
  } catch (error) {
    if (!(error instanceof AppError && error.code === 'conflict')) throw error;
    created = false;
  }
  const signIn = `${ctx.config.publicUrl}/p/${demoFixture.practice.slug}/sign-in`;
  const roles: Record<string, string> = {
    admin: 'front office + admin',
    chen: 'provider',
    ortiz: 'provider',
    biller: 'biller',
    agent: 'external agent',
    alex: 'client, two providers',
    jordan: 'client, one provider',
    casey: 'client, inactive',
  };
  const people = [...demoFixture.staff, ...demoFixture.clients];
  const adminEmail = demoFixture.staff.find((p) => p.admin)?.email ?? '';
  const lines = [
    `Demo practice "${demoFixture.practice.name}" — sign in at ${signIn}`,
    `Every demo password is: ${PASSWORD}`,
    ...people.map((p) => `  ${p.email.padEnd(26)} ${roles[p.key] ?? ''}`),
    ...(ctx.config.smtpUrl
      ? []
      : [
          'Emails (invitations, password resets, notices) stay in the local mailbox while SMTP_URL is unset:',
          `  npx confide mail --to ${adminEmail}   (the operator; every practice)`,
          '  or, signed in as the admin, GET /api/dev/mailbox (this practice only; not with NODE_ENV=production)',
        ]),
  ];
  return { created, lines };
}
