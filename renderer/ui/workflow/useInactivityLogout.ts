import { useEffect } from 'react';
import { selectWorkflowConfig } from '../../state/workflow-settings';
import { useApp } from '../store-context';

/**
 * Logs the operator out after the line's inactivity time (master data, else
 * `config.inactivityMs`) without a touch, key press or journal write (every
 * booked scan is a write). OperatorLoggedOut reason 'inactivity'.
 */
export function useInactivityLogout(target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> = window): void {
  const loggedIn = useApp((s) => s.terminal.operator !== null);
  const lastSeq = useApp((s) => s.terminal.lastSeq);
  const timeoutMs = useApp((s) => selectWorkflowConfig(s).inactivityMs);
  const logoutInactive = useApp((s) => s.logoutInactive);

  useEffect(() => {
    if (!loggedIn || !(timeoutMs > 0)) return;
    let timer = setTimeout(() => void logoutInactive(), timeoutMs);
    const reset = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void logoutInactive(), timeoutMs);
    };
    const kinds = ['pointerdown', 'keydown', 'touchstart'] as const;
    for (const k of kinds) target.addEventListener(k, reset);
    return () => {
      clearTimeout(timer);
      for (const k of kinds) target.removeEventListener(k, reset);
    };
  }, [loggedIn, lastSeq, timeoutMs, logoutInactive, target]);
}

/**
 * Mounted by App while someone is logged in: runs the inactivity timer, and
 * when the session ends (any logout) closes the order screen, so the next
 * operator starts at the order list.
 */
export function InactivityLogout() {
  useInactivityLogout();
  const closeDetail = useApp((s) => s.closeOrderDetail);
  useEffect(() => () => closeDetail(), [closeDetail]);
  return null;
}
