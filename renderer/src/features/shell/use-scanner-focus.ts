import { type RefObject, useEffect } from 'react';

/**
 * A barcode scanner is a keyboard: when nothing editable has focus, typed characters (and the F2
 * key) go to the search box, so a scan works wherever the cashier's focus happens to be.
 */
export function useScannerFocus(searchRef: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const editing =
        target instanceof HTMLInputElement ||
        target instanceof HTMLTextAreaElement ||
        target instanceof HTMLSelectElement;
      const input = searchRef.current;
      if (!input) return;
      if (event.key === 'F2') {
        event.preventDefault();
        input.focus();
        input.select();
        return;
      }
      if (editing || event.ctrlKey || event.metaKey || event.altKey) return;
      if (document.querySelector('[role="dialog"]')) return;
      if (event.key.length === 1 && /[0-9A-Za-z]/.test(event.key)) input.focus();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [searchRef]);
}
