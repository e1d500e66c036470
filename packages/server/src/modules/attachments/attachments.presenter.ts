import type { AttachmentInfo } from '@confide/api';

/** An attachment as the API shows it: id, decrypted name, size in bytes and content type. */
export function presentAttachment(file: {
  id: string;
  name: string;
  size: number;
  contentType: string;
}): AttachmentInfo {
  return { id: file.id, name: file.name, size: file.size, type: file.contentType };
}
