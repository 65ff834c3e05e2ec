// The editor's link to main's parser: analytics.check on the text (the editor debounces), its verdict kept for
// the line under the editor, and the names main says the query can use, for completion.
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CheckResult } from '../../../shared/contract/analytics';
import type { AppClient } from '../../api/connect';
import { schemaOf, sourceNameOf, type AnalyticsForm } from './analyticsForm';
import type { SqlChecker, SqlVocabulary } from './SqlEditor';
import { functionNames, sourceName, systemColumns, windowColumns } from './sqlDialects';
import { typeText } from './resultTable';

/** What the editor completes before main has answered once: the system columns, the schema's, the functions. */
function localVocabulary(form: AnalyticsForm): SqlVocabulary {
  return {
    sources: [sourceName(form.dialect, sourceNameOf(form)), ...(form.reference ? [form.reference.name] : [])],
    columns: [
      ...systemColumns.map((name) => ({ name, type: name.endsWith('TIME') ? 'TIMESTAMP' : 'VARCHAR' })),
      ...(form.dialect === 'flink' ? windowColumns.map((name) => ({ name, type: 'TIMESTAMP' })) : []),
      ...form.columns.map((c) => ({ name: c.name, type: typeText(c) })),
    ],
    functions: functionNames,
  };
}

export function useQueryCheck(client: AppClient, form: AnalyticsForm) {
  const [verdict, setVerdict] = useState<{ text: string; result: CheckResult } | null>(null);
  const latest = useRef(form);
  // A layout effect: it runs before the editor's effects, so a re-check the editor starts sees this form.
  useLayoutEffect(() => {
    latest.current = form;
  });
  const check: SqlChecker = useCallback(
    async (text) => {
      const f = latest.current;
      const result = await client.call('analytics.check', {
        sql: text,
        dialect: f.dialect,
        schema: schemaOf(f),
        sourceName: sourceNameOf(f),
        ...(f.reference ? { referenceTable: { name: f.reference.name, format: f.reference.format, delimiter: f.reference.delimiter, text: f.reference.text } } : {}),
      });
      setVerdict({ text, result });
      return result.ok ? null : { message: result.error.message, from: result.error.span.offset, to: result.error.span.offset + result.error.span.length };
    },
    [client],
  );
  const local = useMemo(() => localVocabulary(form), [form]);
  const remote = verdict?.result.vocabulary;
  // Main's names, plus any the form has and main's last answer predates (a column just discovered or renamed).
  const vocabulary: SqlVocabulary = useMemo(() => {
    if (!remote) return local;
    const known = new Set(remote.columns.map((c) => c.name));
    return { sources: remote.sources, columns: [...remote.columns, ...local.columns.filter((c) => !known.has(c.name))], functions: remote.functions };
  }, [remote, local]);
  return { check, verdict, vocabulary };
}
