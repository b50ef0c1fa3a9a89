import { isEditable } from './keyboard-wedge';

/**
 * Puts characters the keyboard wedge held back (because they might have been
 * the start of a scan) into the field they were typed into, as if typed: at
 * the caret, replacing a selection, with an `input` event so React's onChange
 * sees it. Chromium's `insertText` command keeps the undo stack; elsewhere
 * (jsdom) `setRangeText` does the same job.
 */
export function replayTyping(target: EventTarget | null, text: string): void {
  if (!isEditable(target)) return;
  const el = target as HTMLInputElement | HTMLTextAreaElement | HTMLElement;
  const doc = el.ownerDocument;
  if (doc.activeElement !== el) el.focus();
  if (typeof doc.execCommand === 'function') {
    try {
      if (doc.execCommand('insertText', false, text)) return;
    } catch {
      // fall through to setRangeText
    }
  }
  if ('setRangeText' in el && typeof el.setRangeText === 'function') {
    // type=number and friends have no selection API: nothing sensible to replay into.
    if (el.selectionStart === null) return;
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? start;
    el.setRangeText(text, start, end, 'end');
    el.dispatchEvent(new InputEvent('input', { bubbles: true, data: text, inputType: 'insertText' }));
  }
}
