import { useState } from 'react';
import type { BulkResponse, Folder, ThreadSummary } from '../../api';
import { errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Alert } from '../../components/Toast';
import { useBulkAction } from './mailbox-queries';

type Action = 'read' | 'unread' | 'archive' | 'inbox' | 'delete';
const done: Record<Action, string> = {
  read: 'marked read',
  unread: 'marked unread',
  archive: 'archived',
  inbox: 'moved to Inbox',
  delete: 'deleted permanently',
};

/** R13: actions on the checked threads, and a per-thread report of what happened. */
export function BulkBar({
  folder,
  threads,
  selected,
  onToggleAll,
  onDone,
  canDelete = true,
}: {
  folder: Folder;
  threads: ThreadSummary[];
  selected: Set<string>;
  onToggleAll: () => void;
  onDone: () => void;
  /** Clients cannot delete (R19): their bar has no Delete. */
  canDelete?: boolean;
}) {
  const bulk = useBulkAction();
  const [report, setReport] = useState<{ action: Action; results: BulkResponse['results'] } | null>(null);
  const [isConfirmingDelete, setIsConfirmingDelete] = useState(false);
  const count = selected.size;
  const isAll = count > 0 && count === threads.length;

  const run = (action: Action) => {
    setIsConfirmingDelete(false);
    bulk.mutate(
      { ids: [...selected], action },
      {
        onSuccess: (answer) => {
          setReport({ action, results: answer.results });
          onDone();
        },
      },
    );
  };

  const subjectOf = (id: string) => threads.find((thread) => thread.id === id)?.subject ?? 'A thread';
  const failed = report?.results.filter((result) => !result.ok) ?? [];
  const succeeded = (report?.results.length ?? 0) - failed.length;

  return (
    <div className="bulk">
      <div className="bulk-bar" role="toolbar" aria-label="Actions on selected threads">
        <label className="bulk-all">
          <input
            type="checkbox"
            checked={isAll}
            ref={(node) => {
              if (node) node.indeterminate = count > 0 && !isAll;
            }}
            onChange={onToggleAll}
            disabled={threads.length === 0}
          />
          <span>{count > 0 ? `${count} selected` : 'Select all'}</span>
        </label>
        <div className="bulk-actions">
          <Button size="small" disabled={count === 0} onClick={() => run('read')}>
            Mark read
          </Button>
          <Button size="small" disabled={count === 0} onClick={() => run('unread')}>
            Mark unread
          </Button>
          {folder === 'archive' ? (
            <Button size="small" disabled={count === 0} onClick={() => run('inbox')}>
              Move to Inbox
            </Button>
          ) : (
            <Button size="small" disabled={count === 0} onClick={() => run('archive')}>
              Archive
            </Button>
          )}
          {canDelete && (
            <Button
              size="small"
              className="btn-danger-text"
              disabled={count === 0}
              onClick={() => setIsConfirmingDelete(true)}
            >
              Delete
            </Button>
          )}
        </div>
      </div>
      {bulk.isError && <Alert>{errorMessage(bulk.error)}</Alert>}
      {report && (
        <div className={`alert ${failed.length ? 'alert-warning' : 'alert-success'} bulk-report`} role="status">
          <div className="row">
            <strong>
              {succeeded} {succeeded === 1 ? 'thread' : 'threads'} {done[report.action]}.
              {failed.length > 0 && ` ${failed.length} left as they were:`}
            </strong>
            <span className="spacer" />
            <button type="button" className="link-button" onClick={() => setReport(null)}>
              Dismiss
            </button>
          </div>
          {failed.length > 0 && (
            <ul className="bulk-failures">
              {failed.map((result) => (
                <li key={result.id}>
                  “{subjectOf(result.id)}” — {failureText(result.error)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {isConfirmingDelete && (
        <Dialog
          title={`Delete ${count} ${count === 1 ? 'thread' : 'threads'} permanently?`}
          role="alertdialog"
          onClose={() => setIsConfirmingDelete(false)}
          footer={
            <>
              <Button onClick={() => setIsConfirmingDelete(false)} data-autofocus>
                Cancel
              </Button>
              <Button variant="danger" isBusy={bulk.isPending} onClick={() => run('delete')}>
                Delete permanently
              </Button>
            </>
          }
        >
          <p>
            Deleting is permanent and cannot be undone: the messages and their attachments are destroyed for everyone in
            the thread. Only threads you started with a client can be deleted; the others are left as they are.
          </p>
        </Dialog>
      )}
    </div>
  );
}

function failureText(code?: string): string {
  switch (code) {
    case 'forbidden':
      return 'you can only delete threads you started with a client.';
    case 'not_found':
      return 'it no longer exists.';
    default:
      return code ? code.replace(/_/g, ' ') : 'it could not be changed.';
  }
}
