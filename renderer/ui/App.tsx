import { useState } from 'react';
import { ApprovalLayer } from './approval/ApprovalLayer';
import { DispatchOpenButton } from './dispatch/DispatchOpenButton';
import { DispatchScreen } from './dispatch/DispatchScreen';
import { FeedbackBanner } from './FeedbackBanner';
import { JisOpenButton } from './jis/JisOpenButton';
import { JisScreen } from './jis/JisScreen';
import { LoginScreen } from './LoginScreen';
import { OrderList } from './OrderList';
import { PrintJobsButton } from './print-jobs/PrintJobsButton';
import { PrintJobsScreen } from './print-jobs/PrintJobsScreen';
import { ScanTestButton } from './scan-test/ScanTestButton';
import { ScanTestScreen } from './scan-test/ScanTestScreen';
import { StatusBar } from './StatusBar';
import { StatusScreen } from './status-screen/StatusScreen';
import { useApp } from './store-context';
import { InactivityLogout } from './workflow/useInactivityLogout';
import { OrderDetail } from './workflow/OrderDetail';

/**
 * The shell, one screen high: the status bar (with the tool buttons) on top,
 * then login, the order list or the open task, the feedback line at the
 * bottom. Nothing scrolls the page; a task's own long list scrolls inside it.
 */
export function App({ terminalId }: { terminalId: string }) {
  const loggedIn = useApp((s) => s.terminal.operator !== null);
  const workflowOrderId = useApp((s) => s.workflow.openOrderId);
  const [statusOpen, setStatusOpen] = useState(false);
  const [scanTestOpen, setScanTestOpen] = useState(false);
  const [printJobsOpen, setPrintJobsOpen] = useState(false);
  const [jisSequenceId, setJisSequenceId] = useState<string | null>(null);
  const [dispatchOpen, setDispatchOpen] = useState(false);
  return (
    <div className="app">
      <StatusBar onOpenStatus={() => setStatusOpen(true)}>
        {!scanTestOpen && !printJobsOpen && <PrintJobsButton onOpen={() => setPrintJobsOpen(true)} />}
        {!scanTestOpen && <ScanTestButton onOpen={() => setScanTestOpen(true)} />}
      </StatusBar>
      {scanTestOpen ? (
        <ScanTestScreen onClose={() => setScanTestOpen(false)} />
      ) : statusOpen ? (
        <StatusScreen onClose={() => setStatusOpen(false)} />
      ) : printJobsOpen ? (
        <PrintJobsScreen onClose={() => setPrintJobsOpen(false)} />
      ) : loggedIn && workflowOrderId ? (
        <OrderDetail />
      ) : loggedIn && dispatchOpen ? (
        <DispatchScreen onClose={() => setDispatchOpen(false)} />
      ) : loggedIn && jisSequenceId ? (
        <JisScreen sequenceId={jisSequenceId} onClose={() => setJisSequenceId(null)} />
      ) : loggedIn ? (
        <>
          <div className="task-open-row">
            <JisOpenButton onOpen={setJisSequenceId} />
            <DispatchOpenButton onOpen={() => setDispatchOpen(true)} />
          </div>
          <OrderList terminalId={terminalId} />
        </>
      ) : (
        <LoginScreen />
      )}
      <FeedbackBanner />
      <ApprovalLayer />
      {loggedIn && <InactivityLogout />}
    </div>
  );
}
