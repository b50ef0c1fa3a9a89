import {
  ArrowLeft,
  ArrowRightLeft,
  Camera,
  CircleHelp,
  Check,
  ChevronsUp,
  CircleDashed,
  Delete,
  Ellipsis,
  Flag,
  IdCard,
  Link2,
  Menu,
  PackageCheck,
  Pause,
  Play,
  Plug,
  Power,
  Printer,
  Redo2,
  RotateCw,
  ScanBarcode,
  ScanLine,
  Scissors,
  Search,
  Square,
  Timer,
  Truck,
  TriangleAlert,
  Undo2,
  Unplug,
  Wifi,
  WifiOff,
  X,
  type LucideIcon,
} from 'lucide-react';

/**
 * Icons as bundled SVG (lucide-react): a kiosk must not depend on which symbol
 * fonts the operating system happens to ship (Debian's Chromium showed empty
 * boxes for ⌗ ⎙ ⛓ ⏸). Decorative only: the text next to each icon says the
 * same, so every icon is hidden from assistive technology.
 */
const ICONS = {
  ok: Check,
  nok: X,
  warn: TriangleAlert,
  start: Play,
  pause: Pause,
  stop: Square,
  back: ArrowLeft,
  scan: ScanBarcode,
  print: Printer,
  chain: Link2,
  scanTest: ScanLine,
  override: Flag,
  skip: Redo2,
  pullAhead: ChevronsUp,
  backspace: Delete,
  handover: ArrowRightLeft,
  trace: Search,
  undo: Undo2,
  retry: RotateCw,
  closeContainer: PackageCheck,
  online: Wifi,
  offline: WifiOff,
  connected: Plug,
  disconnected: Unplug,
  menu: Menu,
  badge: IdCard,
  timer: Timer,
  gap: Ellipsis,
  open: CircleDashed,
  camera: Camera,
  power: Power,
  unknown: CircleHelp,
  truck: Truck,
  split: Scissors,
} satisfies Record<string, LucideIcon>;

export type IconName = keyof typeof ICONS;

/** One icon, sized to the text around it unless told otherwise. */
export function Icon({ name, size = '1.1em', className }: { name: IconName; size?: number | string; className?: string }) {
  const Svg = ICONS[name];
  return <Svg className={`icon${className ? ` ${className}` : ''}`} width={size} height={size} strokeWidth={2.5} aria-hidden="true" focusable="false" data-icon={name} />;
}

export function BadgeScanIcon({ size = 96 }: { size?: number }) {
  return (
    <svg aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth={2.5} width={size} height={size} viewBox="0 0 48 48">
      <rect x="8" y="4" width="32" height="40" rx="4" />
      <circle cx="24" cy="18" r="6" />
      <path d="M14 36c2-6 18-6 20 0" />
      <path d="M2 26h44" strokeDasharray="3 3" />
    </svg>
  );
}

export function PowerIcon({ size = 28 }: { size?: number }) {
  return <Icon name="power" size={size} />;
}
