// A small set of exclusive choices as one row of buttons (a radio group), for choices that change a form.
// `disabled` while a change it started is in flight, so a second click waits instead of being lost.
export function Segmented<T extends string>({ label, options, value, onChange, disabled = false }: { label: string; options: readonly { id: T; label: string }[]; value: NoInfer<T>; onChange(id: NoInfer<T>): void; disabled?: boolean }) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <button key={o.id} type="button" role="radio" aria-checked={value === o.id} className="segment" disabled={disabled} onClick={() => onChange(o.id)}>
          {o.label}
        </button>
      ))}
    </div>
  );
}
