import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Spinner } from './Spinner';

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';

/** A real button; `isBusy` keeps its width, shows a spinner and blocks double submits. */
export function Button({
  variant = 'secondary',
  isBusy = false,
  size,
  children,
  className,
  disabled,
  type = 'button',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: Variant;
  isBusy?: boolean;
  size?: 'small';
  children: ReactNode;
}) {
  const classes = ['btn', `btn-${variant}`, size === 'small' ? 'btn-small' : '', className ?? '']
    .filter(Boolean)
    .join(' ');
  return (
    <button type={type} className={classes} disabled={disabled || isBusy} aria-busy={isBusy || undefined} {...rest}>
      {isBusy && <Spinner size="small" label="" />}
      {children}
    </button>
  );
}
