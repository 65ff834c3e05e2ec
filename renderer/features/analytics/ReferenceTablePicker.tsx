// An optional reference table for a stream–table join, read from a CSV (with a header line) or JSON file the user
// picks. The file is read here and sent as text; main parses and checks it with the query.
import { useState } from 'react';
import { Field } from '../../components/Field';
import { patchAnalyticsForm, type AnalyticsForm } from './analyticsForm';

const MAX_BYTES = 1_048_576;

function tableName(fileName: string): string {
  const base = fileName.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(base) ? base.slice(0, 128) : `t_${base}`.slice(0, 128);
}

export function ReferenceTablePicker({ form, disabled }: { form: AnalyticsForm; disabled: boolean }) {
  const [problem, setProblem] = useState<string | null>(null);
  const reference = form.reference;
  const pick = async (file: File | undefined) => {
    setProblem(null);
    if (!file) return;
    if (file.size > MAX_BYTES) return setProblem(`${file.name} is ${(file.size / 1_048_576).toFixed(1)} MiB; a reference table is at most 1 MiB.`);
    const format = /\.csv$/i.test(file.name) ? 'csv' : /\.(json|jsonl|ndjson)$/i.test(file.name) ? 'json' : null;
    if (!format) return setProblem('Pick a .csv file (with a header line) or a .json file (an array of objects, or one object per line).');
    const text = await file.text();
    if (!text.trim()) return setProblem(`${file.name} is empty.`);
    patchAnalyticsForm({ reference: { name: tableName(file.name), format, delimiter: ',', text, fileName: file.name } });
  };
  return (
    <div className="stack" data-testid="reference-table">
      {reference ? (
        <div className="analytics-inline">
          <Field label="Table name in queries" problem={/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(reference.name) ? null : 'A letter or _ then letters, digits or _.'}>
            {(props) => <input {...props} className="input mono" value={reference.name} disabled={disabled} onChange={(e) => patchAnalyticsForm({ reference: { ...reference, name: e.target.value.trim() } })} />}
          </Field>
          <span className="small muted">
            {reference.fileName} · {reference.format.toUpperCase()} · {reference.text.split('\n').filter((l) => l.trim()).length.toLocaleString()} lines
          </span>
          <button type="button" className="link-button" disabled={disabled} onClick={() => patchAnalyticsForm({ reference: null })}>
            Remove
          </button>
        </div>
      ) : (
        <Field label="Reference table (optional)" problem={problem} hint="A CSV or JSON file of at most 1 MiB to join the stream against.">
          {(props) => <input {...props} type="file" accept=".csv,.json,.jsonl,.ndjson" className="input" disabled={disabled} onChange={(e) => void pick(e.target.files?.[0])} />}
        </Field>
      )}
    </div>
  );
}
