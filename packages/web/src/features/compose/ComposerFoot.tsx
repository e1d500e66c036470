import { useRef } from 'react';
import { Button } from '../../components/Button';
import { PaperclipIcon, TrashIcon } from '../../components/icons';
import { acceptAttribute, allowedExtensionsText } from './use-uploads';

/**
 * The composer's foot: "Attach files" and "Delete draft" (or "Discard") bottom left, the draft's
 * save status, Send bottom right, and what files may be attached.
 */
export function ComposerFoot({
  hintId,
  hasDraft,
  status,
  isSending,
  onFiles,
  onDiscard,
}: {
  hintId: string;
  hasDraft: boolean;
  status: string;
  isSending: boolean;
  onFiles: (files: FileList) => void;
  onDiscard: () => void;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <>
      <div className="composer-foot">
        <div className="composer-foot-left">
          <input
            ref={fileInput}
            type="file"
            multiple
            accept={acceptAttribute}
            className="visually-hidden"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(event) => {
              if (event.target.files) onFiles(event.target.files);
              event.target.value = '';
            }}
          />
          <Button onClick={() => fileInput.current?.click()} aria-describedby={hintId}>
            <PaperclipIcon />
            Attach files
          </Button>
          <Button variant="ghost" className="btn-danger-text" onClick={onDiscard}>
            <TrashIcon />
            {hasDraft ? 'Delete draft' : 'Discard'}
          </Button>
        </div>
        <span className="composer-status muted small" role="status">
          {status}
        </span>
        <Button type="submit" variant="primary" isBusy={isSending}>
          Send
        </Button>
      </div>
      <p id={hintId} className="field-hint composer-files-hint">
        Up to 10 MB per file; {allowedExtensionsText}.
      </p>
    </>
  );
}
