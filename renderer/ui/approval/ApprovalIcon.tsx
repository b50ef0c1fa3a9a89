/**
 * A request for approval has its own sign (a key over a badge, in amber): it
 * asks someone to confirm, it is not a failure, so it never borrows the red
 * NOK cross. Inline SVG, like ui/icons.tsx: no dependence on symbol fonts.
 */
export function ApprovalIcon({ size = 64 }: { size?: number }) {
  return (
    <svg aria-hidden focusable={false} fill="none" stroke="currentColor" strokeWidth={2.5} width={size} height={size} viewBox="0 0 48 48">
      <rect x="4" y="8" width="26" height="34" rx="4" />
      <circle cx="17" cy="20" r="5" />
      <path d="M9 34c2-5 14-5 16 0" />
      <circle cx="36" cy="14" r="7" />
      <path d="M36 21v20M36 33h6M36 39h4" />
    </svg>
  );
}
