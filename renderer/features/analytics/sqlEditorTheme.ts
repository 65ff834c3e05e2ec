// The editor's look, from the app's CSS variables so it follows the light and dark themes without a rebuild.
import { defaultHighlightStyle, HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';

export const sqlEditorTheme = EditorView.theme({
  '&': { backgroundColor: 'var(--surface)', color: 'var(--text)', fontSize: 'var(--text-md)', maxHeight: '360px' },
  '.cm-content, .cm-gutter': { minHeight: '140px' },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '-1px' },
  '.cm-content': { fontFamily: 'var(--font-mono)', caretColor: 'var(--text)', padding: 'var(--space-2) 0' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.55', overflow: 'auto' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--sql-selection)' },
  '.cm-activeLine': { backgroundColor: 'var(--sql-active-line)' },
  '.cm-gutters': { backgroundColor: 'var(--surface-sunken)', color: 'var(--text-faint)', borderRight: '1px solid var(--border)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--sql-active-line)', color: 'var(--text-muted)' },
  '.cm-matchingBracket': { backgroundColor: 'var(--accent-soft)', outline: '1px solid var(--border-strong)' },
  '.cm-tooltip': { backgroundColor: 'var(--surface)', color: 'var(--text)', border: '1px solid var(--border-strong)', borderRadius: 'var(--radius-sm)' },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': { backgroundColor: 'var(--accent-soft)', color: 'var(--text)' },
  '.cm-completionDetail': { color: 'var(--text-muted)', fontStyle: 'normal', marginLeft: 'var(--space-2)' },
  '.cm-diagnostic-error': { borderLeft: '4px solid var(--bad)' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--bad)', textUnderlineOffset: '3px' },
  '.cm-placeholder': { color: 'var(--text-faint)' },
});

/** CodeMirror's default highlight rules, recoloured from the theme's variables: keywords, literals, strings,
 *  quoted names, types and comments each get one colour that reads on both backgrounds. */
const recolour: Record<string, string> = {
  '#708': 'var(--sql-keyword)',
  '#219': 'var(--sql-number)',
  '#164': 'var(--sql-number)',
  '#a11': 'var(--sql-string)',
  '#e40': 'var(--sql-quoted)',
  '#085': 'var(--sql-type)',
  '#940': 'var(--text-faint)',
  '#f00': 'var(--bad)',
};

const highlight = HighlightStyle.define(
  defaultHighlightStyle.specs.map((spec) => {
    const color = typeof spec.color === 'string' ? recolour[spec.color] : undefined;
    return color ? { ...spec, color, ...(spec.color === '#708' ? { fontWeight: '600' } : {}) } : spec;
  }),
);

export const sqlHighlighting = syntaxHighlighting(highlight);
