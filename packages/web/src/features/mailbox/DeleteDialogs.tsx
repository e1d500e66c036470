import { useNavigate } from 'react-router';
import { errorMessage, type Message, type ThreadDetail } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useToast } from '../../components/Toast';
import { useMe } from '../../session/session';
import { useDeleteMessage, useDeleteThread } from './mailbox-queries';

/** R17, R19: deleting one message is permanent for everyone, and says so before it is done. */
export function DeleteMessageDialog({
  threadId,
  message,
  onClose,
}: {
  threadId: string;
  message: Message;
  onClose: () => void;
}) {
  const toast = useToast();
  const deleteMessage = useDeleteMessage(threadId);
  return (
    <ConfirmDialog
      title="Delete this message permanently?"
      confirmLabel="Delete message"
      isBusy={deleteMessage.isPending}
      error={deleteMessage.isError ? errorMessage(deleteMessage.error) : null}
      onCancel={() => (onClose(), deleteMessage.reset())}
      onConfirm={() =>
        deleteMessage.mutate(message.id, {
          onSuccess: () => {
            onClose();
            toast('The message was deleted.');
          },
        })
      }
    >
      <p>
        This is permanent and cannot be undone. The message and its attachments are destroyed for everyone in the thread
        and cannot be recovered.
      </p>
    </ConfirmDialog>
  );
}

/** R18, R19: deleting the whole thread is permanent for everyone in it; afterwards the Inbox. */
export function DeleteThreadDialog({ thread, onClose }: { thread: ThreadDetail; onClose: () => void }) {
  const me = useMe();
  const navigate = useNavigate();
  const toast = useToast();
  const deleteThread = useDeleteThread();
  return (
    <ConfirmDialog
      title="Delete the whole thread permanently?"
      confirmLabel="Delete thread"
      isBusy={deleteThread.isPending}
      error={deleteThread.isError ? errorMessage(deleteThread.error) : null}
      onCancel={() => (onClose(), deleteThread.reset())}
      onConfirm={() =>
        deleteThread.mutate(thread.id, {
          onSuccess: () => {
            toast('The thread was deleted.');
            void navigate(`/p/${me.practice.slug}/mail/inbox`, { replace: true });
          },
        })
      }
    >
      <p>
        This is permanent and cannot be undone. Every message and attachment in “{thread.subject}” is destroyed for
        everyone in it and cannot be recovered.
      </p>
    </ConfirmDialog>
  );
}
