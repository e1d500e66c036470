import { ClientStatus, defaultSettings, Email, Name, PracticeSettings, Slug, StaffRole } from '@confide/api';
import { z } from 'zod';
import { totpSecretProblem } from '../../crypto/totp';

/** The seed fixture of SPEC §4, exactly. */
export const PracticeFixture = z.object({
  practice: z.object({
    slug: Slug,
    name: Name,
    settings: PracticeSettings.partial().optional(),
  }),
  staff: z
    .array(
      z.object({
        key: z.string().min(1),
        name: Name,
        email: Email,
        password: z.string().min(12, 'passwords have at least 12 characters'),
        role: StaffRole,
        admin: z.boolean().optional(),
        // R28: any RFC 6238 secret of at least 80 bits; a shorter one is refused here, naming the rule.
        totpSecret: z
          .string()
          .superRefine((secret, check) => {
            const problem = totpSecretProblem(secret);
            if (problem) check.addIssue({ code: 'custom', message: problem });
          })
          .optional(),
      }),
    )
    .default([]),
  clients: z
    .array(
      z.object({
        key: z.string().min(1),
        name: Name,
        email: Email,
        password: z.string().min(12, 'passwords have at least 12 characters').optional(),
        status: ClientStatus.default('active'),
        portal: z.boolean().default(false),
        providers: z.array(z.object({ key: z.string(), status: z.enum(['current', 'past']) })).default([]),
        /** R37: external agents on this client's care team (by staff key). */
        externalAgents: z.array(z.object({ key: z.string() })).optional(),
      }),
    )
    .default([]),
});
export type PracticeFixture = z.infer<typeof PracticeFixture>;

export { defaultSettings };
