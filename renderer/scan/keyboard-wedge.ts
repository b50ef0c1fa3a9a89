/**
 * Keyboard-wedge scanners (DESIGN §6) type a scan as a burst of keystrokes,
 * a few milliseconds apart, ending in Enter. A person types far slower. The
 * wedge listens on the window in the capture phase, so it works whatever has
 * focus, and swallows the keys it collects, so nothing is typed into a field.
 *
 * Keep in mind (later issues): configurable GS substitutes, prefix/suffix
 * settings, and letting an opted-in text field receive human typing.
 */
export interface WedgeKey {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  preventDefault?: () => void;
  stopPropagation?: () => void;
}

export interface KeyboardWedgeOptions {
  onScan: (raw: string) => void;
  /** Milliseconds; injected so tests control time. */
  now?: () => number;
  /** Largest gap between two keys of one scan. */
  maxGapMs?: number;
  /** Fewer characters before Enter are not a scan (a person pressing a key and Enter). */
  minLength?: number;
}

const GS = '\u001d';

export class KeyboardWedge {
  private buffer = '';
  private lastAt = -Infinity;
  private readonly now: () => number;
  private readonly maxGapMs: number;
  private readonly minLength: number;

  constructor(private readonly options: KeyboardWedgeOptions) {
    this.now = options.now ?? (() => performance.now());
    this.maxGapMs = options.maxGapMs ?? 50;
    this.minLength = options.minLength ?? 3;
  }

  /** Feeds one keydown; returns true when the key was consumed by the wedge. */
  handleKey(event: WedgeKey): boolean {
    const at = this.now();
    const char = toChar(event);
    const inBurst = this.buffer.length > 0 && at - this.lastAt <= this.maxGapMs;
    if (event.key === 'Enter') {
      const scan = inBurst && this.buffer.length >= this.minLength ? this.buffer : null;
      this.buffer = '';
      this.lastAt = -Infinity;
      if (scan === null) return false;
      consume(event);
      this.options.onScan(scan);
      return true;
    }
    if (char === null) return false;
    if (!inBurst) this.buffer = '';
    this.buffer += char;
    this.lastAt = at;
    consume(event);
    return true;
  }

  /** Listens on `target` (the window) in the capture phase; returns the detach function. */
  attach(target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>): () => void {
    const listener = (event: Event) => {
      this.handleKey(event as KeyboardEvent);
    };
    target.addEventListener('keydown', listener, true);
    return () => target.removeEventListener('keydown', listener, true);
  }
}

function toChar(event: WedgeKey): string | null {
  if (event.ctrlKey && event.key === ']') return GS; // Ctrl+] is GS on most wedges
  if (event.ctrlKey || event.altKey || event.metaKey) return null;
  return [...event.key].length === 1 ? event.key : null;
}

function consume(event: WedgeKey): void {
  event.preventDefault?.();
  event.stopPropagation?.();
}
