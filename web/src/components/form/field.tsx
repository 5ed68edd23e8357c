import type { ReactNode } from 'react';

/*
 * A labelled form control: the label text, the control, then an optional hint. The hint sits
 * inside the label element, as every field of the app has had it, so the control's accessible
 * name is unchanged by moving a page onto this component.
 */
export function Field({
  label,
  hint,
  className,
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  /** Layout classes added to `field`, e.g. `span-all` in a `field-row`. */
  className?: string;
  children: ReactNode;
}) {
  return (
    <label className={className ? `field ${className}` : 'field'}>
      <span>{label}</span>
      {children}
      {hint ? <span className="hint">{hint}</span> : null}
    </label>
  );
}

/** A group of controls under one legend (checkboxes, radio buttons), laid out as a field. */
export function FieldSet({ legend, children }: { legend: ReactNode; children: ReactNode }) {
  return (
    <fieldset className="field fieldset-plain">
      <legend className="field-label">{legend}</legend>
      {children}
    </fieldset>
  );
}
