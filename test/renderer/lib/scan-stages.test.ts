import { afterEach, describe, expect, it } from 'vitest';
import { markScanFrame, markScanStage, noteBridgeFrame, SCAN_STAGE_PREFIX } from '../../../renderer/lib/scan-stages';

const stageMarks = () => performance.getEntriesByType('mark').filter((m) => m.name.startsWith(SCAN_STAGE_PREFIX));

/** The scan path's stage marks exist only while a benchmark asks for them. */
describe('scan stage marks', () => {
  afterEach(() => {
    delete (globalThis as { taktScanTrace?: boolean }).taktScanTrace;
    performance.clearMarks();
  });

  it('leaves no mark on a terminal in service', () => {
    noteBridgeFrame();
    markScanFrame();
    markScanStage('journal-committed');
    expect(stageMarks()).toEqual([]);
  });

  it('marks each stage when the bench switches tracing on, the frame at the moment it arrived', () => {
    (globalThis as { taktScanTrace?: boolean }).taktScanTrace = true;
    noteBridgeFrame();
    const frameAt = performance.now();
    markScanFrame();
    markScanStage('classified');
    markScanStage('journal-committed');
    const marks = stageMarks();
    expect(marks.map((m) => m.name.slice(SCAN_STAGE_PREFIX.length))).toEqual(['ws-message', 'classified', 'journal-committed']);
    expect(marks[0]!.startTime).toBeLessThanOrEqual(frameAt);
    // A scan not carried by a noted frame (a keyboard wedge) gets no WebSocket stage.
    markScanFrame();
    expect(stageMarks().filter((m) => m.name.endsWith('ws-message'))).toHaveLength(1);
  });
});
