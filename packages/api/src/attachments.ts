import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import { AttachmentInfo } from './threads';

/** R6: at most 10 MiB per file. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** R6: the allowed extensions, each with the content type the server answers with. */
export const allowedAttachmentTypes = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv',
} as const;

export type AllowedExtension = keyof typeof allowedAttachmentTypes;

export const UploadResponse = lazySchema(() => z.object({ attachments: z.array(AttachmentInfo) }));

/** Files one upload request may carry; a client splits a larger selection into several requests. */
export const MAX_FILES_PER_UPLOAD = 20;

/** The `accept` attribute for file pickers (the server still checks every file's content). */
export const attachmentAccept = Object.keys(allowedAttachmentTypes)
  .map((ext) => `.${ext}`)
  .join(',');
