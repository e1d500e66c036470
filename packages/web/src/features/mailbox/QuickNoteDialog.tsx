import { NoteResponse, QuickNotePrefill } from '@confide/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, errorMessage, queryKeys, type ChartNote, type Person } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { TextArea } from '../../components/Field';
import { LoadingBlock } from '../../components/Spinner';
import { Alert } from '../../components/Toast';

/** R15: the thread's transcript as a chart note for its one client — edit, then save. */
export function QuickNoteDialog({
  threadId,
  client,
  onClose,
  onSaved,
}: {
  threadId: string;
  client: Person;
  onClose: () => void;
  onSaved: (note: ChartNote) => void;
}) {
  const queryClient = useQueryClient();
  const path = `/api/threads/${encodeURIComponent(threadId)}/quick-note`;
  const prefill = useQuery({
    queryKey: ['quick-note', threadId],
    queryFn: () => api.get(path, QuickNotePrefill),
    gcTime: 0,
    staleTime: 0,
  });
  const [content, setContent] = useState<string | null>(null);
  useEffect(() => {
    if (prefill.data && content === null) setContent(prefill.data.content);
  }, [prefill.data, content]);
  const save = useMutation({
    mutationFn: () => api.post(path, { content: content ?? '' }, NoteResponse),
    onSuccess: ({ note }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.clientNotes(client.id) });
      onSaved(note);
    },
  });

  return (
    <Dialog
      title={`Quick Note for ${client.name}`}
      size="wide"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" isBusy={save.isPending} disabled={!content?.trim()} onClick={() => save.mutate()}>
            Save note
          </Button>
        </>
      }
    >
      <p className="muted">
        The conversation is copied below. Add or remove anything, then save it to {client.name}'s chart notes.
      </p>
      {prefill.isPending && <LoadingBlock label="Preparing the note…" />}
      {prefill.isError && <Alert>{errorMessage(prefill.error)}</Alert>}
      {save.isError && <Alert>{errorMessage(save.error)}</Alert>}
      {content !== null && (
        <TextArea
          label="Chart note"
          className="input textarea note-editor"
          value={content}
          rows={14}
          data-autofocus
          onChange={(event) => setContent(event.target.value)}
        />
      )}
    </Dialog>
  );
}
