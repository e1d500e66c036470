import { Spinner } from '../../components/Spinner';
import { formatSize } from './attachment-check';
import type { PickedFile } from './use-file-uploads';

/** The files waiting to go with the next message, each with its own state or refusal (R6). */
export function PickedFileList({ files, onRemove }: { files: PickedFile[]; onRemove: (key: string) => void }) {
  if (files.length === 0) return null;
  return (
    <ul className="portal-picked" aria-label="Files to send" aria-live="polite">
      {files.map((file) => (
        <li key={file.key} className={`portal-picked-item is-${file.state}`}>
          {file.state === 'error' ? (
            <span role="alert" className="portal-picked-error">
              {file.error}
            </span>
          ) : (
            <span className="portal-picked-name">
              {file.name} <span className="portal-file-size">{formatSize(file.size)}</span>
              {file.state === 'uploading' && <Spinner size="small" label={`Uploading ${file.name}`} />}
              {file.state === 'ready' && <span className="visually-hidden">, ready to send</span>}
            </span>
          )}
          <button
            type="button"
            className="portal-link-button"
            onClick={() => onRemove(file.key)}
            aria-label={`${file.state === 'error' ? 'Dismiss' : 'Remove'} ${file.name}`}
          >
            {file.state === 'error' ? 'Dismiss' : 'Remove'}
          </button>
        </li>
      ))}
    </ul>
  );
}
