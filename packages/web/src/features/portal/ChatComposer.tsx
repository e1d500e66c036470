import type { AttachmentInfo } from '@confide/api';
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button } from '../../components/Button';
import { PaperclipIcon } from '../../components/icons';
import { ACCEPT_ATTRIBUTE, ALLOWED_TYPES_TEXT } from './attachment-check';
import { PickedFileList } from './PickedFileList';
import { useFileUploads } from './use-file-uploads';
import { visibleLength } from './message-text';

/**
 * The text field under the chat window, the attachments button between it and the green Send
 * (R24). The message is handed to the outgoing queue, which shows its delivery state (R25).
 */
export function ChatComposer({
  minBodyLength,
  onSend,
  label = 'Your message',
  autoFocus,
  initialText = '',
  onSaveDraft,
}: {
  minBodyLength: number;
  onSend: (text: string, attachments: AttachmentInfo[]) => void;
  label?: string;
  autoFocus?: boolean;
  /** The text of a draft being resumed (R7). */
  initialText?: string;
  /** The mail view's "Save draft" (R7); the chat sends at once and has none. */
  onSaveDraft?: (text: string, attachments: AttachmentInfo[]) => void;
}) {
  const [text, setText] = useState(initialText);
  const [error, setError] = useState<string | null>(null);
  const uploads = useFileUploads();
  const fileInput = useRef<HTMLInputElement>(null);
  const textArea = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const missing = Math.max(0, minBodyLength - visibleLength(text));

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (uploads.isUploading) {
      setError('Please wait until your files have finished uploading.');
      return;
    }
    if (missing > 0) {
      setError(
        `Please write a little more: messages need at least ${minBodyLength} characters (not counting spaces). ${missing} more to go.`,
      );
      textArea.current?.focus();
      return;
    }
    setError(null);
    onSend(text, uploads.ready);
    setText('');
    uploads.clear();
    textArea.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter writes a new line (a phone keyboard has no other way); Ctrl/Cmd+Enter sends.
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit();
  };

  return (
    <form className="portal-composer" onSubmit={submit} aria-label="Write a message" noValidate>
      <div className="portal-composer-row">
        <label htmlFor={`${id}-text`} className="visually-hidden">
          {label}
        </label>
        <textarea
          ref={textArea}
          id={`${id}-text`}
          className="input portal-composer-text"
          rows={2}
          value={text}
          placeholder="Write your message…"
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
          aria-invalid={error ? true : undefined}
          autoFocus={autoFocus}
        />
        <input
          ref={fileInput}
          id={`${id}-files`}
          type="file"
          multiple
          accept={ACCEPT_ATTRIBUTE}
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => {
            uploads.add(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
        <Button className="portal-attach" onClick={() => fileInput.current?.click()} aria-label="Attach files">
          <PaperclipIcon size={18} />
          <span className="portal-attach-text" aria-hidden="true">
            Attach
          </span>
        </Button>
        <Button type="submit" variant="primary" className="portal-go portal-send">
          Send
        </Button>
      </div>
      <PickedFileList files={uploads.files} onRemove={uploads.remove} />
      {onSaveDraft && (
        <div className="portal-composer-extra">
          <Button
            size="small"
            onClick={() => {
              if (uploads.isUploading) setError('Please wait until your files have finished uploading.');
              else onSaveDraft(text, uploads.ready);
            }}
          >
            Save draft
          </Button>
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="portal-composer-error" role="alert">
          {error}
        </p>
      )}
      <p id={`${id}-hint`} className="portal-composer-hint">
        Enter starts a new line; <kbd>Ctrl</kbd>+<kbd>Enter</kbd> (<kbd>⌘</kbd>+<kbd>Enter</kbd> on a Mac) sends. At
        least {minBodyLength} characters{missing > 0 && text ? ` (${missing} more)` : ''}.{' '}
        <span className="portal-hint-files">Files: {ALLOWED_TYPES_TEXT}, up to 10 MB each.</span>
      </p>
    </form>
  );
}
