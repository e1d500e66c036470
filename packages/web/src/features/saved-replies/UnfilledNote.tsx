/** R45: said under the editor when a saved reply kept a placeholder it could not fill. */
export function UnfilledNote({ placeholders }: { placeholders: string[] }) {
  if (placeholders.length === 0) return null;
  return (
    <p className="field-hint saved-reply-unfilled" role="status">
      {placeholders.join(', ')} was left as written: this message does not have exactly one client. Replace it before
      sending.
    </p>
  );
}
