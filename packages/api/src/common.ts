import { z } from 'zod';

/** Opaque id, as the server generates them. */
export const Id = z.string().min(1).max(64);

export const StaffRole = z.enum(['provider', 'front_office', 'biller', 'external_agent']);
export type StaffRole = z.infer<typeof StaffRole>;

/** A person's role as the API shows it: a staff role, or "client". */
export const Role = z.enum(['provider', 'front_office', 'biller', 'external_agent', 'client']);
export type Role = z.infer<typeof Role>;

export const UserKind = z.enum(['staff', 'client']);
export type UserKind = z.infer<typeof UserKind>;

export const ClientStatus = z.enum(['active', 'inactive']);
export type ClientStatus = z.infer<typeof ClientStatus>;

/** A person as shown inside threads and lists: no email, nothing more than needed. */
export const Person = z.object({
  id: Id,
  name: z.string(),
  kind: UserKind,
  role: Role,
});
export type Person = z.infer<typeof Person>;

export const Cursor = z.string().max(200).optional();
export const Limit = z.coerce.number().int().min(1).max(100).default(25);

export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'Enter a valid email address.' }));

export const Name = z.string().trim().min(1, 'Name is required.').max(200);
