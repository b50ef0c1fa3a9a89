import { FeedbackBanner } from './FeedbackBanner';
import { LoginScreen } from './LoginScreen';
import { OrderList } from './OrderList';
import { StatusBar } from './StatusBar';
import { useApp } from './store-context';

/** The shell: status bar always on top, then login or the order list, feedback at the bottom. */
export function App({ terminalId }: { terminalId: string }) {
  const loggedIn = useApp((s) => s.terminal.operator !== null);
  return (
    <div className="app">
      <StatusBar />
      {loggedIn ? <OrderList terminalId={terminalId} /> : <LoginScreen />}
      <FeedbackBanner />
    </div>
  );
}
