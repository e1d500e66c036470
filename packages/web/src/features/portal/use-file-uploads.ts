import { UploadResponse } from '@confide/api';
import type { AttachmentInfo } from '@confide/api';
import { useCallback, useState } from 'react';
import { api, ApiError } from '../../api';
import { fileProblem, serverFileProblem } from './attachment-check';

/** A file the client picked, uploading, ready to send, or refused with a reason. */
export interface PickedFile {
  key: string;
  name: string;
  size: number;
  state: 'uploading' | 'ready' | 'error';
  error?: string;
  attachment?: AttachmentInfo;
}

let counter = 0;

/** Uploads each picked file on its own, so a refusal names that file and the others still go (R6). */
export function useFileUploads() {
  const [files, setFiles] = useState<PickedFile[]>([]);
  const update = (key: string, change: Partial<PickedFile>) =>
    setFiles((list) => list.map((f) => (f.key === key ? { ...f, ...change } : f)));

  const add = useCallback((picked: File[]) => {
    for (const file of picked) {
      counter += 1;
      const key = `file-${counter}`;
      const problem = fileProblem(file);
      const entry: PickedFile = { key, name: file.name, size: file.size, state: problem ? 'error' : 'uploading' };
      if (problem) entry.error = problem;
      setFiles((list) => [...list, entry]);
      if (problem) continue;
      const form = new FormData();
      form.append('file', file, file.name);
      api
        .post('/api/attachments', form, UploadResponse)
        .then((answer) => update(key, { state: 'ready', attachment: answer.attachments[0] }))
        .catch((error: unknown) => {
          const code = error instanceof ApiError ? error.code : undefined;
          const message = error instanceof Error ? error.message : undefined;
          update(key, { state: 'error', error: serverFileProblem(file.name, code, message) });
        });
    }
  }, []);

  const remove = useCallback((key: string) => setFiles((list) => list.filter((f) => f.key !== key)), []);
  const clear = useCallback(() => setFiles([]), []);
  const ready = files.flatMap((f) => (f.state === 'ready' && f.attachment ? [f.attachment] : []));
  const isUploading = files.some((f) => f.state === 'uploading');
  return { files, add, remove, clear, ready, isUploading };
}
