import { createHash } from 'node:crypto';
import { pipeline, type Readable } from 'node:stream';
import type { Person } from '@confide/api';
import type { AuditPosition } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { PracticeCipher } from '../../crypto/keyring';
import type { PolicyActor } from '../../policies/types';
import { createDecryptStream } from '../attachments/attachment-cipher';
import { peopleFor } from '../threads/thread.presenter';
import { loadParticipants, type ThreadRow } from '../threads/threads.repo';
import { binding } from '../../crypto/bindings';

/** A file of an exported message: what the transcript and the bundle state about it. */
export interface ExportAttachment {
  id: string;
  name: string;
  size: number;
  contentType: string;
  /** Hex SHA-256 of the plaintext. */
  sha256: string;
  blobKey: string;
}

/** A message as exports show it: the stored (sanitized) HTML body, decrypted. */
export interface ExportMessage {
  id: string;
  senderId: string;
  sentAt: string;
  html: string;
  attachments: ExportAttachment[];
}

/** Everything an export of one thread states, with its messages read in pages as they are written. */
export interface ThreadExport {
  practice: { id: string; slug: string; name: string };
  timeZone: string;
  thread: { id: string; subject: string; createdAt: string; createdBy: string };
  /** R36: the participants this viewer may see, by id. */
  people: Map<string, Person>;
  viewer: Person | null;
  exportedAt: string;
  audit: AuditPosition;
  messages: () => AsyncGenerator<ExportMessage>;
  /** The files of the messages the viewer sees, in order (their hashes as stored). */
  files: () => Promise<ExportAttachment[]>;
  /** The decrypted bytes of an attachment of this thread. */
  openAttachment: (file: ExportAttachment) => Promise<Readable>;
}

const PAGE = 200;

/**
 * R49, R50: the source of an export of one thread as `viewer` may see it (R36: a client sees the
 * staff and themselves). Messages are read a page at a time, so a long thread never sits whole in
 * memory; a message from someone the viewer may not see is left out, as in the thread itself.
 */
export async function threadExportSource(
  ctx: AppContext,
  cipher: PracticeCipher,
  viewer: PolicyActor & { practiceId: string },
  practice: ThreadExport['practice'] & { timeZone: string },
  thread: ThreadRow,
  audit: AuditPosition,
): Promise<ThreadExport> {
  const practiceId = viewer.practiceId;
  const members = (await loadParticipants(ctx.db, practiceId, [thread.id])).get(thread.id) ?? [];
  const shown = viewer.kind === 'client' ? members.filter((m) => !m.joinedFor) : members;
  const people = peopleFor(viewer, cipher, shown);
  const visibleSenders = peopleFor(viewer, cipher, members);
  const memberIds = new Set(members.map((m) => m.id));
  const openAttachment = async (file: ExportAttachment): Promise<Readable> => {
    const plain = createDecryptStream((keyId) => cipher.keyById(keyId), file.id);
    pipeline(await ctx.blobs.get(file.blobKey), plain, () => undefined);
    return plain;
  };
  async function* messages(): AsyncGenerator<ExportMessage> {
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const rows = await messagePage(ctx, practiceId, thread.id, after);
      const attachments = await attachmentsOf(
        ctx,
        practiceId,
        rows.map((r) => r.id),
      );
      for (const row of rows) {
        if (!visibleSenders.has(row.sender_id) && memberIds.has(row.sender_id)) continue;
        const files: ExportAttachment[] = [];
        for (const a of attachments.filter((x) => x.message_id === row.id)) {
          const file = {
            id: a.id,
            name: cipher.decrypt(binding('attachments.name', a.id), a.name_enc),
            size: Number(a.size),
            contentType: a.content_type,
            sha256: a.sha256 ?? '',
            blobKey: a.blob_key,
          };
          files.push(a.sha256 ? file : { ...file, sha256: await recordHash(ctx, practiceId, file, openAttachment) });
        }
        yield {
          id: row.id,
          senderId: row.sender_id,
          sentAt: row.created_at,
          html: cipher.decrypt(binding('messages.body', row.id), row.body_enc),
          attachments: files,
        };
      }
      const last = rows.at(-1);
      if (!last || rows.length < PAGE) return;
      after = { at: last.created_at, id: last.id };
    }
  }
  const files = async (): Promise<ExportAttachment[]> => {
    const rows = await ctx.db
      .selectFrom('attachments as a')
      .innerJoin('messages as m', (join) =>
        join.onRef('m.id', '=', 'a.message_id').onRef('m.practice_id', '=', 'a.practice_id'),
      )
      .select(['a.id', 'a.name_enc', 'a.size', 'a.content_type', 'a.blob_key', 'a.sha256', 'm.sender_id'])
      .where('a.practice_id', '=', practiceId)
      .where('m.thread_id', '=', thread.id)
      .orderBy('m.created_at')
      .orderBy('m.id')
      .orderBy('a.created_at')
      .orderBy('a.id')
      .execute();
    return rows
      .filter((row) => visibleSenders.has(row.sender_id) || !memberIds.has(row.sender_id))
      .map((row) => ({
        id: row.id,
        name: cipher.decrypt(binding('attachments.name', row.id), row.name_enc),
        size: Number(row.size),
        contentType: row.content_type,
        sha256: row.sha256 ?? '',
        blobKey: row.blob_key,
      }));
  };
  return {
    practice: { id: practice.id, slug: practice.slug, name: practice.name },
    timeZone: practice.timeZone,
    thread: {
      id: thread.id,
      subject: cipher.decrypt(binding('threads.subject', thread.id), thread.subject_enc),
      createdAt: thread.created_at,
      createdBy: thread.created_by,
    },
    people,
    viewer: people.get(viewer.userId) ?? null,
    exportedAt: ctx.clock.now().toISOString(),
    audit,
    messages,
    files,
    openAttachment,
  };
}

function messagePage(ctx: AppContext, practiceId: string, threadId: string, after: { at: string; id: string } | null) {
  let query = ctx.db
    .selectFrom('messages')
    .select(['id', 'sender_id', 'body_enc', 'created_at'])
    .where('practice_id', '=', practiceId)
    .where('thread_id', '=', threadId);
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('created_at', '>', after.at), eb.and([eb('created_at', '=', after.at), eb('id', '>', after.id)])]),
    );
  }
  return query.orderBy('created_at').orderBy('id').limit(PAGE).execute();
}

async function attachmentsOf(ctx: AppContext, practiceId: string, messageIds: string[]) {
  if (messageIds.length === 0) return [];
  return ctx.db
    .selectFrom('attachments')
    .select(['id', 'message_id', 'name_enc', 'size', 'content_type', 'blob_key', 'sha256'])
    .where('practice_id', '=', practiceId)
    .where('message_id', 'in', messageIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The SHA-256 of a file uploaded before hashes were recorded: streamed once, then kept. */
async function recordHash(
  ctx: AppContext,
  practiceId: string,
  file: ExportAttachment,
  open: (file: ExportAttachment) => Promise<Readable>,
): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of await open(file)) hash.update(chunk as Buffer);
  const hex = hash.digest('hex');
  await ctx.db
    .updateTable('attachments')
    .set({ sha256: hex })
    .where('practice_id', '=', practiceId)
    .where('id', '=', file.id)
    .execute();
  return hex;
}
