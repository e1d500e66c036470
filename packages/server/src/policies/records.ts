import type { PolicyActor } from './types';

/** What a request to export a thread (R49) meets: the export, a 403, or the 404 of a thread not theirs. */
export type ExportDecision = 'allowed' | 'forbidden' | 'not_found';

/**
 * R49: staff participants and the practice's admins export a thread (a records request or a
 * subpoena goes to whoever runs the practice, who may not be on the thread). A client who takes
 * part is refused (403): their copy is the right-of-access download (R50), which shows them only
 * what R36 lets them see. Anyone else meets the same 404 as a thread that does not exist.
 */
export function exportDecision(actor: PolicyActor, isParticipant: boolean): ExportDecision {
  if (actor.status === 'disabled') return 'not_found';
  if (actor.kind === 'staff' && (isParticipant || actor.isAdmin)) return 'allowed';
  return isParticipant ? 'forbidden' : 'not_found';
}

/** R50: the right of access is the client's own, to all the threads they take part in. */
export function canDownloadOwnRecords(actor: PolicyActor): boolean {
  return actor.kind === 'client' && actor.status !== 'disabled';
}
