/**
 * Keyboard-wedge scanners (DESIGN §6) type a scan as a burst of keystrokes, a
 * few milliseconds apart, usually ending in Enter. A person types far slower.
 * The wedge listens on the window in the capture phase, so it works whatever
 * has focus, and a scan is never typed into a field.
 *
 * How typing still works: every character key is held back (preventDefault)
 * and buffered. If the next key comes within `maxGapMs`, the burst goes on.
 * When the line goes quiet for longer than `maxGapMs` (or a key that is not a
 * character arrives), the buffer is decided:
 *  - a terminator (Enter, Tab) after at least `minLength` fast keys → a scan;
 *  - at least `burstKeys` fast keys and then silence → a scan without suffix;
 *  - anything else was a person: the held-back characters are replayed into the
 *    element they were typed into (`replay`), at most `maxGapMs` later.
 *
 * Keyboard layouts: characters are read from `event.key` (what the layout
 * produced), never from `event.code` (the physical key), so a QWERTZ terminal
 * and a QWERTY terminal read the same scan. AltGr (reported as Ctrl+Alt on
 * Windows, or as the AltGraph modifier) gives plain characters such as `]` on
 * a German keyboard. Control characters arrive as Ctrl combinations inside a
 * burst: Ctrl+] is GS (FNC1), Ctrl+^ is RS, Ctrl+D is EOT. For Ctrl+] alone
 * the physical key (`code` BracketRight) is accepted too, because a scanner
 * sends the US key position and QWERTZ reports it as Ctrl++. Scanners that
 * cannot send control keys are set up to send a substitute string (for
 * example `{GS}`), which `substitutes` turns back into the control character.
 */
export interface WedgeKey {
  key: string;
  code?: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  metaKey?: boolean;
  isComposing?: boolean;
  target?: EventTarget | null;
  getModifierState?: (key: string) => boolean;
  preventDefault?: () => void;
  stopPropagation?: () => void;
}

export interface WedgeTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface KeyboardWedgeOptions {
  onScan: (raw: string) => void;
  /** Milliseconds; injected so tests control time. */
  now?: () => number;
  /** Timers for the end-of-burst decision; injected so tests control time. */
  timers?: WedgeTimers;
  /** Largest gap between two keys of one scan (default 50 ms). */
  maxGapMs?: number;
  /** Fewer characters before the terminator are not a scan (a person pressing a key and Enter). Default 3. */
  minLength?: number;
  /** This many fast keys make a burst a scan even without a terminator (default 4, at least minLength). */
  burstKeys?: number;
  /** Keys that end a scan (default Enter and Tab). */
  terminators?: readonly string[];
  /** Substitute strings the scanner sends for control characters, e.g. `{ '{GS}': '\x1d' }`. */
  substitutes?: Readonly<Record<string, string>>;
  /** Puts held-back human typing into the element it was meant for. */
  replay?: (target: EventTarget | null, text: string) => void;
  /** A burst longer than this is dropped whole, like the serial framer does (default 8,192: RawScan's limit). */
  maxLength?: number;
  /** Called once when a burst grew past maxLength and was dropped. */
  onOverflow?: (length: number) => void;
}

export const DEFAULT_MAX_WEDGE_LENGTH = 8192;

export const GS = '\u001d';
export const RS = '\u001e';
export const EOT = '\u0004';

/** Keys that never end or break a burst: modifiers pressed by the scanner between characters. */
const IGNORED_KEYS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'Dead', 'Process', 'Unidentified']);

export class KeyboardWedge {
  private buffer: string[] = [];
  /** An over-long burst is being swallowed until it ends, so its tail never becomes a scan or typing. */
  private discarding = false;
  private target: EventTarget | null = null;
  private lastAt = -Infinity;
  private timer: unknown;
  private readonly now: () => number;
  private readonly timers: WedgeTimers;
  private maxGapMs: number;
  private readonly minLength: number;
  private readonly burstKeys: number;
  private readonly terminators: ReadonlySet<string>;
  private readonly substitutes: readonly [string, string][];
  private readonly replay: (target: EventTarget | null, text: string) => void;
  private readonly maxLength: number;

  constructor(private readonly options: KeyboardWedgeOptions) {
    this.now = options.now ?? (() => performance.now());
    this.timers = options.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as number) };
    this.maxGapMs = options.maxGapMs ?? 50;
    this.minLength = options.minLength ?? 3;
    this.burstKeys = Math.max(options.burstKeys ?? 4, this.minLength);
    this.terminators = new Set(options.terminators ?? ['Enter', 'Tab']);
    // Longest first, so "{GS}{GS}"-style overlaps resolve predictably.
    this.substitutes = Object.entries(options.substitutes ?? {})
      .filter(([from]) => from.length > 0)
      .sort((a, b) => b[0].length - a[0].length);
    this.replay = options.replay ?? (() => {});
    this.maxLength = options.maxLength ?? DEFAULT_MAX_WEDGE_LENGTH;
  }

  /** Feeds one keydown; returns true when the key was consumed (held back or part of a scan). */
  handleKey(event: WedgeKey): boolean {
    if (event.isComposing || IGNORED_KEYS.has(event.key)) return false;
    const at = this.now();
    if ((this.buffer.length > 0 || this.discarding) && at - this.lastAt > this.maxGapMs) this.settle();
    const inBurst = this.buffer.length > 0 || this.discarding;

    if (this.terminators.has(event.key) && !hasShortcutModifier(event)) {
      if (this.discarding) {
        consume(event);
        this.reset();
        return true;
      }
      if (inBurst && this.buffer.length >= this.minLength) {
        consume(event);
        this.emit();
        return true;
      }
      this.flushAsTyping();
      return false;
    }

    const control = controlChar(event);
    if (control !== null) {
      if (!inBurst) return false; // a shortcut pressed by a person
      this.hold(event, control, at);
      return true;
    }
    const char = printable(event);
    if (char === null) {
      if (hasShortcutModifier(event)) return false; // Ctrl+C and friends: neither part of a scan nor the end of one
      this.flushAsTyping(); // Backspace, arrows, …: the person's earlier keys go first
      return false;
    }
    if (!inBurst && char === ' ' && !isEditable(event.target ?? null)) return false; // Space on a button stays a click
    this.hold(event, char, at);
    return true;
  }

  /** Changes the burst gap, e.g. to the terminal's configured value once the host has told it. */
  setMaxGap(ms: number): void {
    if (Number.isFinite(ms) && ms > 0) this.maxGapMs = ms;
  }

  /** Listens on `target` (the window) in the capture phase; returns the detach function. */
  attach(target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>): () => void {
    const listener = (event: Event) => {
      this.handleKey(event as KeyboardEvent);
    };
    target.addEventListener('keydown', listener, true);
    return () => {
      target.removeEventListener('keydown', listener, true);
      this.flushAsTyping();
    };
  }

  private hold(event: WedgeKey, char: string, at: number): void {
    consume(event);
    this.lastAt = at;
    this.arm();
    if (this.discarding) return;
    if (this.buffer.length === 0) this.target = event.target ?? null;
    this.buffer.push(char);
    if (this.buffer.length > this.maxLength) {
      const length = this.buffer.length;
      this.buffer = [];
      this.discarding = true;
      this.options.onOverflow?.(length);
    }
  }

  private arm(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      this.settle();
    }, this.maxGapMs + 1);
  }

  /** The line went quiet: a long enough burst is a scan, anything shorter was typed. */
  private settle(): void {
    if (this.discarding) this.reset();
    else if (this.buffer.length >= this.burstKeys) this.emit();
    else this.flushAsTyping();
  }

  private emit(): void {
    const raw = this.applySubstitutes(this.buffer.join(''));
    this.reset();
    this.options.onScan(raw);
  }

  private flushAsTyping(): void {
    const text = this.buffer.filter((c) => c.length === 1 && c >= ' ').join('');
    const target = this.target;
    this.reset();
    if (text.length > 0) this.replay(target, text);
  }

  private reset(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.buffer = [];
    this.discarding = false;
    this.target = null;
    this.lastAt = -Infinity;
  }

  private applySubstitutes(raw: string): string {
    let out = raw;
    for (const [from, to] of this.substitutes) out = out.split(from).join(to);
    return out;
  }
}

/** AltGr is Ctrl+Alt on Windows and the AltGraph modifier elsewhere: it types characters, it is no shortcut. */
function isAltGraph(event: WedgeKey): boolean {
  return Boolean(event.getModifierState?.('AltGraph')) || Boolean(event.ctrlKey && event.altKey);
}

function hasShortcutModifier(event: WedgeKey): boolean {
  if (event.metaKey) return true;
  if (isAltGraph(event)) return false;
  return Boolean(event.ctrlKey || event.altKey);
}

/** GS, RS and EOT as the Ctrl combinations wedges send, or as the control character itself. */
function controlChar(event: WedgeKey): string | null {
  if (event.key === GS || event.key === RS || event.key === EOT) return event.key;
  if (!event.ctrlKey || event.altKey || event.metaKey || isAltGraph(event)) return null;
  if (event.key === ']' || event.code === 'BracketRight') return GS;
  if (event.key === '^' || (event.shiftKey && event.key === '6')) return RS;
  if (event.key === 'd' || event.key === 'D') return EOT;
  return null;
}

function printable(event: WedgeKey): string | null {
  if (hasShortcutModifier(event)) return null;
  return [...event.key].length === 1 ? event.key : null;
}

function consume(event: WedgeKey): void {
  event.preventDefault?.();
  event.stopPropagation?.();
}

/** Text fields and contenteditable elements; what a person can type into. */
export function isEditable(target: EventTarget | null): boolean {
  const el = target as (Partial<HTMLElement> & { type?: string; readOnly?: boolean; disabled?: boolean }) | null;
  if (!el || typeof el !== 'object') return false;
  if (el.isContentEditable) return true;
  const tag = typeof el.tagName === 'string' ? el.tagName.toUpperCase() : '';
  if (tag === 'TEXTAREA') return !el.readOnly && !el.disabled;
  if (tag !== 'INPUT') return false;
  const type = (el.type ?? 'text').toLowerCase();
  return ['text', 'search', 'tel', 'url', 'email', 'password', 'number'].includes(type) && !el.readOnly && !el.disabled;
}
