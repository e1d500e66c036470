import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import { Id } from './common';
import { TextLine } from './text';
import { Body } from './threads';

/** R45: a saved reply is a staff member's own, or the practice's (kept by its admins). */
export const SavedReplyScope = lazySchema(() => z.enum(['personal', 'practice']));
export type SavedReplyScope = z.infer<typeof SavedReplyScope>;

/** The placeholders a saved reply may hold; the editor fills them in as it inserts the reply. */
export const SAVED_REPLY_PLACEHOLDERS = ['{client.firstName}', '{staff.name}', '{practice.name}'] as const;

export const SavedReplyTitle = lazySchema(() => TextLine.min(1, 'Give the saved reply a title.').max(100));

export const SavedReplyRequest = lazySchema(() =>
  z.object({
    scope: SavedReplyScope.default('personal'),
    title: SavedReplyTitle,
    body: Body,
  }),
);
export type SavedReplyRequest = z.infer<typeof SavedReplyRequest>;

export const SavedReplyUpdate = lazySchema(() => z.object({ title: SavedReplyTitle, body: Body }));
export type SavedReplyUpdate = z.infer<typeof SavedReplyUpdate>;

export const SavedReply = lazySchema(() =>
  z.object({
    id: Id,
    scope: SavedReplyScope,
    title: z.string(),
    /** Sanitized rich text (R5's allow-list), placeholders as written. */
    body: z.string(),
    updatedAt: z.string(),
    /** Personal replies: their owner. Practice replies: admins. */
    canEdit: z.boolean(),
  }),
);
export type SavedReply = z.infer<typeof SavedReply>;

export const SavedReplyResponse = lazySchema(() => z.object({ savedReply: SavedReply }));
export const SavedRepliesResponse = lazySchema(() => z.object({ savedReplies: z.array(SavedReply) }));

const PLACEHOLDER = /\{\s*([A-Za-z]+(?:\.[A-Za-z]+)*)\s*\}/g;

/** Placeholders in `text` that are not one of SAVED_REPLY_PLACEHOLDERS (a misspelt one would be sent as is). */
export function unknownPlaceholders(text: string): string[] {
  const known = new Set<string>(SAVED_REPLY_PLACEHOLDERS);
  const found = [...text.matchAll(PLACEHOLDER)].map((m) => `{${m[1] ?? ''}}`);
  return [...new Set(found.filter((p) => !known.has(p)))];
}

/** The first word of a person's name: "Alex" of "Alex M. Rivera". */
export function firstNameOf(name: string): string {
  return name.trim().split(/\s+/)[0] ?? '';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What the placeholders stand for; `clientFirstName` is null when the message has no single client. */
export interface PlaceholderValues {
  clientFirstName: string | null;
  staffName: string;
  practiceName: string;
}

/**
 * A saved reply's HTML with its placeholders filled in (values HTML-escaped). `{client.firstName}`
 * stays as written when there is no single client to name — a message to two clients must not
 * carry one client's name to the other — and is then listed in `unfilled`.
 */
export function fillPlaceholders(html: string, values: PlaceholderValues): { html: string; unfilled: string[] } {
  const unfilled = new Set<string>();
  const filled = html.replace(PLACEHOLDER, (whole, name: string) => {
    const value =
      name === 'client.firstName'
        ? values.clientFirstName
        : name === 'staff.name'
          ? values.staffName
          : name === 'practice.name'
            ? values.practiceName
            : undefined;
    if (value === undefined) return whole;
    if (value === null || value === '') {
      unfilled.add(`{${name}}`);
      return whole;
    }
    return escapeHtml(value);
  });
  return { html: filled, unfilled: [...unfilled] };
}
