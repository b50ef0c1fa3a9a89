import type { RawScan } from '../../shared/bridge';

/**
 * Where scans go, whatever the channel (serial via the host, keyboard wedge,
 * camera): to the default handler (the store's handleScan), unless a screen
 * captures them, as the Scan test screen does so that testing a scanner never
 * logs anyone in or starts an order.
 */
export interface ScanRouter {
  dispatch(scan: RawScan): void;
  /** Sets the handler used while nothing captures; returns the function that removes it. */
  setDefault(handler: (scan: RawScan) => void): () => void;
  /** While captured, only the newest capturing listener gets scans; returns the release function. */
  capture(listener: (scan: RawScan) => void): () => void;
}

export function createScanRouter(): ScanRouter {
  let fallback: ((scan: RawScan) => void) | null = null;
  const captures: ((scan: RawScan) => void)[] = [];
  return {
    dispatch(scan) {
      const target = captures.at(-1) ?? fallback;
      target?.(scan);
    },
    setDefault(handler) {
      fallback = handler;
      return () => {
        if (fallback === handler) fallback = null;
      };
    },
    capture(listener) {
      const entry = (scan: RawScan) => listener(scan);
      captures.push(entry);
      return () => {
        const i = captures.indexOf(entry);
        if (i >= 0) captures.splice(i, 1);
      };
    },
  };
}

/** The app's one router: host-wiring feeds it, screens read it through ScanRouterContext. */
export const appScanRouter = createScanRouter();
