import { DraftResponse } from '@confide/api';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, queryKeys, type DraftRequest } from '../../api';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error';
const DEBOUNCE_MS = 1200;

/**
 * R7: saves the message as a draft while the person types (debounced POST, then PUT), one
 * request at a time. `flush` saves now and returns the draft id; `discard` deletes it.
 */
export function useDraftAutosave(content: DraftRequest, hasContent: boolean, initialId: string | null) {
  const client = useQueryClient();
  const [draftId, setDraftId] = useState<string | null>(initialId);
  const [status, setStatus] = useState<SaveStatus>('idle');
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const idRef = useRef(initialId);
  const latest = useRef(content);
  const savedJson = useRef<string | null>(initialId ? JSON.stringify(content) : null);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const isClosed = useRef(false);
  latest.current = content;

  const save = useCallback((): Promise<string | null> => {
    const run = async () => {
      if (isClosed.current) return idRef.current;
      const body = latest.current;
      const json = JSON.stringify(body);
      if (json === savedJson.current) return idRef.current;
      setStatus('saving');
      try {
        const answer = idRef.current
          ? await api.put(`/api/drafts/${encodeURIComponent(idRef.current)}`, body, DraftResponse)
          : await api.post('/api/drafts', body, DraftResponse);
        idRef.current = answer.draft.id;
        setDraftId(answer.draft.id);
        savedJson.current = json;
        setStatus('saved');
        setSavedAt(new Date());
        void client.invalidateQueries({ queryKey: queryKeys.drafts });
      } catch {
        setStatus('error');
      }
      return idRef.current;
    };
    const next = chain.current.then(run, run);
    chain.current = next;
    return next;
  }, [client]);

  const json = JSON.stringify(content);
  useEffect(() => {
    if (!hasContent || isClosed.current || json === savedJson.current) return;
    const timer = window.setTimeout(() => void save(), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [json, hasContent, save]);

  /** Saves what is there now (used before sending a draft). */
  const flush = useCallback(async () => (hasContent || idRef.current ? save() : null), [hasContent, save]);

  /** Stops autosaving (after a send). */
  const close = useCallback(() => {
    isClosed.current = true;
  }, []);

  /** Deletes the draft and its attachments, and stops autosaving. */
  const discard = useCallback(async () => {
    isClosed.current = true;
    await chain.current.catch(() => undefined);
    if (idRef.current) await api.delete(`/api/drafts/${encodeURIComponent(idRef.current)}`);
    void client.invalidateQueries({ queryKey: queryKeys.drafts });
  }, [client]);

  return { draftId, status, savedAt, flush, close, discard };
}

/** R5/R7 copy for the save indicator. */
export function saveStatusText(status: SaveStatus, savedAt: Date | null): string {
  if (status === 'saving') return 'Saving draft…';
  if (status === 'error') return 'The draft could not be saved. Your text is still here.';
  if (status === 'saved' && savedAt)
    return `Draft saved at ${savedAt.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' })}`;
  return '';
}
