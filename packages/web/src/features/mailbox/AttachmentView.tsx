import { useEffect, useState } from 'react';
import type { AttachmentInfo } from '../../api';
import { PaperclipIcon } from '../../components/icons';
import { fileSize } from './format';

const url = (id: string) => `/api/attachments/${encodeURIComponent(id)}`;

/** One attachment: a preview for images and PDFs, and always a download link. */
export function AttachmentView({ attachment }: { attachment: AttachmentInfo }) {
  const isImage = attachment.type === 'image/png' || attachment.type === 'image/jpeg';
  const isPdf = attachment.type === 'application/pdf';
  return (
    <figure className="attachment">
      {isImage && (
        <a
          href={`${url(attachment.id)}?inline=1`}
          target="_blank"
          rel="noopener noreferrer"
          className="attachment-preview"
        >
          <img src={`${url(attachment.id)}?inline=1`} alt={`Preview of ${attachment.name}`} loading="lazy" />
        </a>
      )}
      {isPdf &&
        (hasPdfViewer() ? (
          <PdfPreview id={attachment.id} name={attachment.name} />
        ) : (
          <p className="attachment-pdf-card">
            <span className="attachment-pdf-badge" aria-hidden="true">
              PDF
            </span>
            This browser has no PDF viewer, so no preview is shown. Download the file to read it.
          </p>
        ))}
      <figcaption className="attachment-caption">
        <PaperclipIcon />
        <a href={url(attachment.id)} download={attachment.name} className="attachment-name">
          {attachment.name}
        </a>
        <span className="muted small">{fileSize(attachment.size)}</span>
        <a
          href={url(attachment.id)}
          download={attachment.name}
          className="btn btn-small"
          aria-label={`Download ${attachment.name}`}
        >
          Download
        </a>
      </figcaption>
    </figure>
  );
}

/**
 * Whether the browser can show a PDF in a frame. Without a viewer (headless Chromium, some phones)
 * a framed PDF is a large black box, so a plain file card stands in for it (issue 17).
 */
function hasPdfViewer(): boolean {
  return typeof navigator !== 'undefined' && navigator.pdfViewerEnabled !== false;
}

/** PDFs are framed from a blob: the server forbids framing its own responses (frame-ancestors). */
function PdfPreview({ id, name }: { id: string; name: string }) {
  const [objectUrl, setObjectUrl] = useState<string | null>(null);
  const [isFailed, setIsFailed] = useState(false);
  useEffect(() => {
    let created: string | null = null;
    let isCancelled = false;
    fetch(`${url(id)}?inline=1`, { credentials: 'same-origin' })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        const blob = await response.blob();
        if (isCancelled) return;
        created = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
        setObjectUrl(created);
      })
      .catch(() => setIsFailed(true));
    return () => {
      isCancelled = true;
      if (created) URL.revokeObjectURL(created);
    };
  }, [id]);
  if (isFailed) return <p className="muted small">The preview could not be shown; download the file instead.</p>;
  if (!objectUrl) return <div className="attachment-pdf attachment-pdf-loading" aria-hidden="true" />;
  return <iframe className="attachment-pdf" src={objectUrl} title={`Preview of ${name}`} />;
}
