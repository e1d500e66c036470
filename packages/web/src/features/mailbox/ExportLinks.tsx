/**
 * R49: the thread's export, for staff (the server checks again): a printable PDF transcript and
 * a FHIR R4 Bundle for an EHR. Plain links, so the browser streams the file to disk.
 */
export function ExportLinks({ threadId }: { threadId: string }) {
  const href = (format: 'pdf' | 'fhir') => `/api/threads/${encodeURIComponent(threadId)}/export?format=${format}`;
  return (
    <>
      <a className="btn" href={href('pdf')} download>
        Export PDF
      </a>
      <a className="btn" href={href('fhir')} download>
        Export FHIR
      </a>
    </>
  );
}
