// The query editor: CodeMirror 6 with the chosen dialect's highlighting, completion of the stream, its columns and
// the functions, main's parse errors underlined where they are (checked as the user types, debounced), and
// Mod-Enter to run. The view is created once; dialect and vocabulary changes reconfigure it in place.
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, type Completion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { keywordCompletionSource, sql, type SQLDialect } from '@codemirror/lang-sql';
import { bracketMatching } from '@codemirror/language';
import { forceLinting, linter, lintKeymap, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { minimalSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import { sqlEditorTheme, sqlHighlighting } from './sqlEditorTheme';

export interface SqlVocabulary {
  /** Source names the query may read (the stream, SOURCE_SQL_STREAM_001, reference tables). */
  sources: readonly string[];
  columns: readonly { name: string; type: string }[];
  functions: readonly string[];
}

/** A problem main found in the query, at a character range of it. */
export interface SqlProblem {
  message: string;
  from: number;
  to: number;
}

export type SqlChecker = (text: string) => Promise<SqlProblem | null>;

const CHECK_DELAY_MS = 350;

function quoteIfNeeded(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `"${name}"`;
}

/** Completes from the vocabulary as it is when asked (main's answer changes it as the user types). */
function vocabularySource(vocabulary: () => SqlVocabulary) {
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/["`]?[\w$]*/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    const v = vocabulary();
    const options: Completion[] = [
      ...v.sources.map((name): Completion => ({ label: quoteIfNeeded(name), type: 'class', detail: 'source', boost: 2 })),
      ...v.columns.map((c): Completion => ({ label: quoteIfNeeded(c.name), type: 'property', detail: c.type, boost: 3 })),
      ...v.functions.map((name): Completion => ({ label: name, type: 'function', detail: 'function', apply: `${name}(`, boost: 1 })),
    ];
    return { from: word.from, options, validFor: /^["`]?[\w$]*$/ };
  };
}

function completion(dialect: SQLDialect, vocabulary: () => SqlVocabulary) {
  return [sql({ dialect, upperCaseKeywords: true }), autocompletion({ override: [vocabularySource(vocabulary), keywordCompletionSource(dialect, true)], activateOnTyping: true })];
}

export function SqlEditor({
  value,
  onChange,
  dialect,
  vocabulary,
  check,
  onRun,
  label,
  testId,
  recheckKey,
}: {
  value: string;
  onChange(text: string): void;
  /** The grammar that colours and completes keywords (a streaming dialect, or SQLite for ad-hoc tables). */
  dialect: SQLDialect;
  vocabulary: SqlVocabulary;
  /** Main's parser; without it nothing is underlined. */
  check?: SqlChecker;
  onRun(): void;
  label: string;
  testId: string;
  /** When it changes (another dialect, an edited schema), main checks the text again. */
  recheckKey: string;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const language = useRef(new Compartment());
  // The latest callbacks, read by extensions that live as long as the view.
  const latest = useRef({ onChange, check, onRun, vocabulary });
  useEffect(() => {
    latest.current = { onChange, check, onRun, vocabulary };
  });

  useEffect(() => {
    const outer = host.current;
    if (!outer) return;
    // The editor lives in a shadow root: CodeMirror then styles it with constructed style sheets, which the
    // app's Content-Security-Policy (style-src 'self') allows, where it would otherwise inject <style> tags.
    const root = outer.shadowRoot ?? outer.attachShadow({ mode: 'open' });
    const parent = document.createElement('div');
    root.replaceChildren(parent);
    const lint = linter(
      async (v): Promise<Diagnostic[]> => {
        const text = v.state.doc.toString();
        const checker = latest.current.check;
        if (!text.trim() || !checker) return [];
        const problem = await checker(text).catch(() => null);
        // The text may have changed while main was checking: a stale range would underline the wrong token.
        if (!problem || v.state.doc.toString() !== text) return [];
        const from = Math.min(problem.from, text.length);
        return [{ from, to: Math.max(from, Math.min(problem.to, text.length)), severity: 'error', message: problem.message }];
      },
      { delay: CHECK_DELAY_MS },
    );
    const editor = new EditorView({
      parent,
      root,
      state: EditorState.create({
        doc: value,
        extensions: [
          Prec.highest(keymap.of([{ key: 'Mod-Enter', run: () => (latest.current.onRun(), true) }])),
          minimalSetup,
          lineNumbers(),
          highlightActiveLine(),
          highlightActiveLineGutter(),
          bracketMatching(),
          closeBrackets(),
          keymap.of([...closeBracketsKeymap, ...completionKeymap, ...lintKeymap]),
          language.current.of(completion(dialect, () => latest.current.vocabulary)),
          lint,
          sqlEditorTheme,
          sqlHighlighting,
          placeholder('Write a query; Ctrl+Enter runs it, Ctrl+Space completes names.'),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': label, 'data-testid': `${testId}-input` }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      parent.remove();
      view.current = null;
    };
    // The view is built once; later props reach it through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    view.current?.dispatch({ effects: language.current.reconfigure(completion(dialect, () => latest.current.vocabulary)) });
  }, [dialect]);

  useEffect(() => {
    if (view.current) forceLinting(view.current);
  }, [recheckKey]);

  // A value set from outside (an example, a saved query) replaces the text; the editor's own edits already match.
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  return <div className="sql-editor" ref={host} data-testid={testId} />;
}
