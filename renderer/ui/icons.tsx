/**
 * Icons as inline SVG: a kiosk must not depend on which symbol fonts the
 * operating system happens to ship (Debian's Chromium shows boxes for ⏻ and ▯).
 * Decorative only: the text next to each icon says the same.
 */
const common = { 'aria-hidden': true, focusable: false, fill: 'none', stroke: 'currentColor', strokeWidth: 2.5 } as const;

export function BadgeScanIcon({ size = 96 }: { size?: number }) {
  return (
    <svg {...common} width={size} height={size} viewBox="0 0 48 48">
      <rect x="8" y="4" width="32" height="40" rx="4" />
      <circle cx="24" cy="18" r="6" />
      <path d="M14 36c2-6 18-6 20 0" />
      <path d="M2 26h44" strokeDasharray="3 3" />
    </svg>
  );
}

export function PowerIcon({ size = 28 }: { size?: number }) {
  return (
    <svg {...common} width={size} height={size} viewBox="0 0 24 24">
      <path d="M12 3v9" />
      <path d="M6.3 6.8a8 8 0 1 0 11.4 0" />
    </svg>
  );
}
