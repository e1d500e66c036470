import type { AttachmentInfo } from '@confide/api';
import { PaperclipIcon } from '../../components/icons';
import { formatSize } from './attachment-check';

const isImage = (type: string) => type === 'image/png' || type === 'image/jpeg';

/** Files of a message: images previewed, every file downloadable later (R24). */
export function AttachmentList({ attachments }: { attachments: AttachmentInfo[] }) {
  if (attachments.length === 0) return null;
  return (
    <ul className="portal-files" aria-label="Attached files">
      {attachments.map((file) => {
        const href = `/api/attachments/${encodeURIComponent(file.id)}`;
        return (
          <li key={file.id}>
            {isImage(file.type) && (
              <a href={href} download={file.name} className="portal-file-preview" tabIndex={-1} aria-hidden="true">
                <img src={href} alt="" loading="lazy" />
              </a>
            )}
            <a href={href} download={file.name} className="portal-file">
              <PaperclipIcon size={14} />
              <span className="portal-file-name">{file.name}</span>
              <span className="portal-file-size">
                {formatSize(file.size)}
                <span className="visually-hidden">, download</span>
              </span>
            </a>
          </li>
        );
      })}
    </ul>
  );
}
