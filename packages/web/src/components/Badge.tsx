import type { ReactNode } from 'react';

/** A small pill: a count on the envelope, or a label such as "Inactive". */
export function Badge({
  tone = 'neutral',
  children,
  label,
}: {
  tone?: 'neutral' | 'accent' | 'alert' | 'warning';
  children: ReactNode;
  label?: string;
}) {
  return (
    <span className={`badge badge-${tone}`} aria-label={label}>
      {children}
    </span>
  );
}
