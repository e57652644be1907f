/**
 * When `?` opens the shortcuts sheet: only where it would type nothing. In the editor (a
 * contenteditable), a text field or a select, `?` is a character the user means to type.
 */
export function opensShortcuts(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'target'> & {
    composedPath?: () => EventTarget[];
  },
): boolean {
  if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey) return false;
  // The editor lives in a shadow root: at the window, `target` is its host, the path has the real one.
  const target = (event.composedPath?.()[0] ?? event.target) as HTMLElement | null;
  if (!target || typeof target.closest !== 'function') return true;
  return !target.closest(
    'input, textarea, select, [contenteditable]:not([contenteditable="false"]), dialog[open]',
  );
}
