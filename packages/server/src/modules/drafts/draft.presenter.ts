import { groupNames, Recipient, teamNames, type Draft } from '@confide/api';
import { z } from 'zod';
import type { PracticeCipher } from '../../crypto/keyring';
import type { DbOrTx } from '../../db';
import { presentAttachment } from '../threads/thread.presenter';
import { loadAttachments } from '../threads/threads.repo';
import { loadPeople } from '../accounts/users.repo';
import type { DraftRow } from './drafts.repo';
import { binding } from '../../crypto/bindings';

const StoredRecipients = z.array(Recipient);

/** The recipients a draft keeps (ids and group names only). */
export function draftRecipients(row: Pick<DraftRow, 'recipients'>) {
  const parsed = StoredRecipients.safeParse(JSON.parse(row.recipients));
  return parsed.success ? parsed.data : [];
}

/** Presents drafts with their attachments and their recipients' names, each loaded in one query. */
export async function presentDrafts(db: DbOrTx, cipher: PracticeCipher, rows: DraftRow[]): Promise<Draft[]> {
  const recipients = new Map(rows.map((row) => [row.id, draftRecipients(row)]));
  const people = await loadPeople(
    db,
    cipher,
    [...recipients.values()].flatMap((to) => to.flatMap((r) => ('userId' in r ? [r.userId] : []))),
  );
  const attachments = await loadAttachments(
    db,
    cipher.practiceId,
    'draft_id',
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({
    id: row.id,
    threadId: row.thread_id,
    to: recipients.get(row.id) ?? [],
    toNames: (recipients.get(row.id) ?? []).map((r) =>
      'userId' in r
        ? (people.get(r.userId)?.name ?? 'Someone no longer in the practice')
        : 'team' in r
          ? teamNames[r.team]
          : groupNames[r.group],
    ),
    subject: cipher.decrypt(binding('drafts.subject', row.id), row.subject_enc),
    body: cipher.decrypt(binding('drafts.body', row.id), row.body_enc),
    attachments: attachments.filter((a) => a.draft_id === row.id).map((a) => presentAttachment(cipher, a)),
    updatedAt: row.updated_at,
  }));
}
