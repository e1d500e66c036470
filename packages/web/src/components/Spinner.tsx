/** A small loading indicator with a text alternative (empty label when the context says it). */
export function Spinner({ size, label = 'Loading…' }: { size?: 'small'; label?: string }) {
  return (
    <span className={size === 'small' ? 'spinner spinner-small' : 'spinner'} role={label ? 'status' : undefined}>
      <span className="spinner-ring" aria-hidden="true" />
      {label && <span className="visually-hidden">{label}</span>}
    </span>
  );
}

/** A centred loading state for a whole region. */
export function LoadingBlock({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading-block" role="status">
      <span className="spinner-ring" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
