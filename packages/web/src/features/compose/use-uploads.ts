import { allowedAttachmentTypes, MAX_ATTACHMENT_BYTES } from '@confide/api';
import { useCallback, useRef, useState } from 'react';
import { getCsrfToken, noteActivity, type AttachmentInfo } from '../../api';
import { sizeBeyondLimit } from '../portal/attachment-check';

export interface UploadItem {
  key: number;
  name: string;
  size: number;
  progress: number;
  status: 'uploading' | 'done' | 'error';
  error?: string;
  info?: AttachmentInfo;
}

export const allowedExtensionsText = Object.keys(allowedAttachmentTypes)
  .map((ext) => `.${ext}`)
  .join(' ');
export const acceptAttribute = Object.keys(allowedAttachmentTypes)
  .map((ext) => `.${ext}`)
  .join(',');

const typeRule = `only ${Object.keys(allowedAttachmentTypes)
  .map((ext) => `.${ext}`)
  .join(', ')} files can be attached.`;
const sizeRule = 'files can be at most 10 MB each.';

/** R6 checked before uploading, so a person learns at once; the server checks again (content too). */
export function checkFile(file: { name: string; size: number }): string | null {
  const ext = file.name.toLowerCase().split('.').pop() ?? '';
  if (!file.name.includes('.') || !(ext in allowedAttachmentTypes))
    return `“${file.name}” was not attached: ${typeRule}`;
  if (file.size > MAX_ATTACHMENT_BYTES)
    return `“${file.name}” was not attached: it is ${sizeBeyondLimit(file.size)}; ${sizeRule}`;
  if (file.size === 0) return `“${file.name}” was not attached: the file is empty.`;
  return null;
}

function serverError(name: string, status: number, body: string): string {
  let code = '';
  let message = '';
  try {
    const parsed = JSON.parse(body) as { error?: { code?: string; message?: string } };
    code = parsed.error?.code ?? '';
    message = parsed.error?.message ?? '';
  } catch {
    // not JSON
  }
  if (code === 'attachment_too_large' || status === 413) return `“${name}” was not attached: ${sizeRule}`;
  if (code === 'attachment_type_not_allowed' || status === 415)
    return `“${name}” was not attached: its content is not an allowed type (${allowedExtensionsText}).`;
  return `“${name}” was not attached: ${message || `the server answered ${status}.`}`;
}

/** Uploads files one request each (XMLHttpRequest, for progress), keeping per-file state. */
export function useUploads(initial: AttachmentInfo[] = []) {
  const next = useRef(1);
  const [items, setItems] = useState<UploadItem[]>(() =>
    initial.map((info) => ({
      key: next.current++,
      name: info.name,
      size: info.size,
      progress: 1,
      status: 'done',
      info,
    })),
  );
  const update = (key: number, patch: Partial<UploadItem>) =>
    setItems((list) => list.map((item) => (item.key === key ? { ...item, ...patch } : item)));

  const add = useCallback((files: FileList | File[]) => {
    for (const file of Array.from(files)) {
      const key = next.current++;
      const problem = checkFile(file);
      const item: UploadItem = {
        key,
        name: file.name,
        size: file.size,
        progress: 0,
        status: problem ? 'error' : 'uploading',
      };
      if (problem) item.error = problem;
      setItems((list) => [...list, item]);
      if (problem) continue;
      const form = new FormData();
      form.append('file', file, file.name);
      const xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/attachments');
      const csrf = getCsrfToken();
      if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) update(key, { progress: event.loaded / event.total });
      };
      xhr.onload = () => {
        if (xhr.status === 201 || xhr.status === 200) {
          noteActivity();
          const body = JSON.parse(xhr.responseText) as { attachments: AttachmentInfo[] };
          update(key, { status: 'done', progress: 1, info: body.attachments[0] });
        } else {
          update(key, { status: 'error', error: serverError(file.name, xhr.status, xhr.responseText) });
        }
      };
      xhr.onerror = () =>
        update(key, { status: 'error', error: `“${file.name}” was not attached: the upload was interrupted.` });
      xhr.send(form);
    }
  }, []);

  const remove = useCallback((key: number) => setItems((list) => list.filter((item) => item.key !== key)), []);

  const attachmentIds = items.flatMap((item) => (item.status === 'done' && item.info ? [item.info.id] : []));
  const isUploading = items.some((item) => item.status === 'uploading');
  return { items, add, remove, attachmentIds, isUploading };
}
