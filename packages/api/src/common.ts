import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import { TextLine } from './text';

/** Ids, cursors and tokens are opaque printable ASCII: nothing invisible hides in them. */
export const Opaque = lazySchema(() => z.string().regex(/^[\x21-\x7e]*$/, 'Not a valid value.'));

/** Opaque id, as the server generates them. */
export const Id = lazySchema(() => Opaque.min(1).max(64));

export const StaffRole = lazySchema(() => z.enum(['provider', 'front_office', 'biller', 'external_agent']));
export type StaffRole = z.infer<typeof StaffRole>;

/** A person's role as the API shows it: a staff role, or "client". */
export const Role = lazySchema(() => z.enum(['provider', 'front_office', 'biller', 'external_agent', 'client']));
export type Role = z.infer<typeof Role>;

export const UserKind = lazySchema(() => z.enum(['staff', 'client']));
export type UserKind = z.infer<typeof UserKind>;

export const ClientStatus = lazySchema(() => z.enum(['active', 'inactive']));
export type ClientStatus = z.infer<typeof ClientStatus>;

/** A person as shown inside threads and lists: no email, nothing more than needed. */
export const Person = lazySchema(() =>
  z.object({
    id: Id,
    name: z.string(),
    kind: UserKind,
    role: Role,
  }),
);
export type Person = z.infer<typeof Person>;

export const Cursor = lazySchema(() => Opaque.max(200).optional());
export const Limit = lazySchema(() => z.coerce.number().int().min(1).max(100).default(25));

export const Email = lazySchema(() =>
  z
    .string()
    .trim()
    .toLowerCase()
    .max(254)
    .meta({ format: 'email' })
    .pipe(z.email({ message: 'Enter a valid email address.' })),
);

export const Name = lazySchema(() => TextLine.min(1, 'Name is required.').max(200));
