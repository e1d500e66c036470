import { z } from 'zod';
import { lazySchema } from './lazy-schema';

/** R49: the formats a thread is exported in. */
export const ExportFormat = lazySchema(() => z.enum(['pdf', 'fhir']));
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ExportQuery = lazySchema(() => z.object({ format: ExportFormat }));

/** R51: how many years a practice keeps messages; null keeps them for ever (the default). */
export const RetentionYears = lazySchema(() => z.number().int().min(1).max(100).nullable());

/** R51: what the next retention run would destroy, shown to admins before it runs. */
export const RetentionPreview = lazySchema(() =>
  z.object({
    retentionYears: RetentionYears,
    /** Threads whose last message is older than this are destroyed; null when nothing is. */
    cutoff: z.string().nullable(),
    /** The next time the daily job runs (it runs once per practice and day). */
    nextRunAt: z.string(),
    threads: z.number().int(),
    messages: z.number().int(),
    attachments: z.number().int(),
    /** The oldest and newest last activity among the threads to go. */
    oldestActivity: z.string().nullable(),
    newestActivity: z.string().nullable(),
  }),
);
export type RetentionPreview = z.infer<typeof RetentionPreview>;
export const RetentionPreviewResponse = lazySchema(() => z.object({ retention: RetentionPreview }));
