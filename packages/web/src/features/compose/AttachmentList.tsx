import { fileSize } from '../mailbox/format';
import type { UploadItem } from './use-uploads';

/** The files picked for a message: progress while uploading, the rule when refused. */
export function AttachmentList({ items, onRemove }: { items: UploadItem[]; onRemove: (key: number) => void }) {
  if (items.length === 0) return null;
  return (
    <ul className="upload-list" aria-label="Attachments">
      {items.map((item) => (
        <li key={item.key} className={`upload upload-${item.status}`}>
          <div className="upload-line">
            <span className="upload-name">{item.name}</span>
            <span className="muted small">{fileSize(item.size)}</span>
            {item.status === 'uploading' && (
              <progress
                max={1}
                value={item.progress}
                aria-label={`Uploading ${item.name}`}
                className="upload-progress"
              />
            )}
            {item.status === 'done' && <span className="small upload-ok">Attached</span>}
            <button
              type="button"
              className="link-button small"
              onClick={() => onRemove(item.key)}
              aria-label={`Remove ${item.name}`}
            >
              Remove
            </button>
          </div>
          {item.error && (
            <div className="field-error" role="alert">
              {item.error}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
