import type { ButtonHTMLAttributes, ReactNode } from 'react';

/** A button that shows only an icon: its accessible name is required, not optional. */
export function IconButton({
  label,
  size,
  className,
  children,
  ...rest
}: {
  label: string;
  /** `sm` for the small square used inside badges and dense rows. */
  size?: 'sm';
  children: ReactNode;
} & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-label' | 'type' | 'children'>) {
  return (
    <button
      type="button"
      className={['btn btn-ghost', size === 'sm' ? 'btn-sm' : '', 'btn-icon', className ?? '']
        .filter(Boolean)
        .join(' ')}
      aria-label={label}
      {...rest}
    >
      {children}
    </button>
  );
}

/** The row of a form's buttons, at its end. */
export function FormActions({ children }: { children: ReactNode }) {
  return <div className="row justify-end">{children}</div>;
}
