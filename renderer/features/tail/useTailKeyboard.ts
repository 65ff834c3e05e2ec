// The Tail screen's keys: every main action without the mouse (not while typing in a field, nor under a dialog).
import { useEffect } from 'react';
import type { TailActions } from './tailActions';
import type { TailController } from './tailController';
import { stepSelection } from './TailTable';
import { nextTimeFormat, patchForm, tailForm } from './tailForm';
import { patchTailUi, tailUi } from './tailUi';

function isRunToggle(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.dataset.testid === 'tail-toggle';
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

export function useTailKeyboard(controller: TailController, actions: TailActions): void {
  const { toggle, togglePause, select, copyPermalink, focusFilter } = actions;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (document.querySelector('dialog[open]')) return;
      const mod = event.ctrlKey || event.metaKey;
      if (mod && !event.altKey && event.key === 'Enter') {
        event.preventDefault();
        toggle();
        return;
      }
      if (mod || event.altKey || isTyping(event.target)) return;
      const onButton = event.target instanceof HTMLElement && /^(BUTTON|A|SUMMARY)$/.test(event.target.tagName);
      const ui = tailUi.get();
      const move = (delta: number) => {
        const next = stepSelection(controller.view, ui.selected, delta);
        if (next !== undefined) select(next);
      };
      switch (event.key) {
        case ' ':
          if (onButton) return;
          event.preventDefault();
          togglePause();
          return;
        case '/':
          event.preventDefault();
          focusFilter();
          return;
        case 'j':
          event.preventDefault();
          move(1);
          return;
        case 'k':
          event.preventDefault();
          move(-1);
          return;
        case 'Enter':
          // Enter on the Start/Stop button is a key meant for rows (focus stays there after a click): it opens
          // the selected row and never stops the tail. Other buttons keep their own Enter.
          if (ui.selected === null || (onButton && !isRunToggle(event.target))) return;
          event.preventDefault();
          patchTailUi({ detail: true });
          return;
        case 'Escape':
          if (ui.detail) patchTailUi({ detail: false });
          return;
        case 'l':
          copyPermalink();
          return;
        case 'f':
          patchTailUi({ following: true, selected: null });
          return;
        case 't':
          patchForm({ timeFormat: nextTimeFormat(tailForm.get().timeFormat) });
          return;
        case 'e':
          if (controller.state.get().started) patchTailUi({ dialog: 'export' });
          return;
        case 'i':
          patchTailUi({ dialog: 'import' });
          return;
        case 'r':
          if (tailForm.get().stream) patchTailUi({ dialog: 'replay' });
          return;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller, toggle, togglePause, select, copyPermalink, focusFilter]);
}
