/** R50: the client's right of access — every conversation and file, in one download. */
export function OwnRecordsDownload() {
  return (
    <section className="portal-panel" aria-labelledby="records-title">
      <h2 id="records-title" className="portal-section-title">
        Download my messages
      </h2>
      <p>
        One ZIP file with a printable PDF of each of your conversations and every file shared in them. Deleted messages
        are not included. Keep it somewhere safe: it holds your private messages.
      </p>
      <a className="btn btn-primary" href="/api/me/records" download>
        Download my messages
      </a>
    </section>
  );
}
