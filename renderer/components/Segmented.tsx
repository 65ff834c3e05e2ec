// A small set of exclusive choices as one row of buttons (a radio group), for choices that change a form.
export function Segmented<T extends string>({ label, options, value, onChange }: { label: string; options: readonly { id: T; label: string }[]; value: NoInfer<T>; onChange(id: NoInfer<T>): void }) {
  return (
    <div className="segmented" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <button key={o.id} type="button" role="radio" aria-checked={value === o.id} className="segment" onClick={() => onChange(o.id)}>
          {o.label}
        </button>
      ))}
    </div>
  );
}
