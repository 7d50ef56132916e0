/** Keyboard helpers shared by the forms. */
import type { KeyboardEvent } from 'react';

/** An onKeyDown that runs `save` on Ctrl+Enter (⌘+Enter on a Mac) anywhere inside a form. */
export const onCtrlEnter = (save: () => void) => (e: KeyboardEvent) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    save();
  }
};
