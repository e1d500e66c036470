/** What decides whether someone may download an attachment (R30), gathered by the repo. */
export interface AttachmentAccess {
  practiceId: string;
  uploaderId: string;
  messageId: string | null;
  /** Owner of the draft the attachment is in, if it is in one. */
  draftOwnerId: string | null;
  /** Whether the asking user takes part in the thread of the attachment's message. */
  isThreadParticipant: boolean;
}

/**
 * R30: an attachment is seen only through a message one can see — by the participants of its
 * thread once sent; before that only by its uploader (while unsent or in their own draft).
 */
export function canDownloadAttachment(user: { userId: string; practiceId: string }, file: AttachmentAccess): boolean {
  if (file.practiceId !== user.practiceId) return false;
  if (file.messageId !== null) return file.isThreadParticipant;
  if (file.draftOwnerId !== null && file.draftOwnerId !== user.userId) return false;
  return file.uploaderId === user.userId;
}
