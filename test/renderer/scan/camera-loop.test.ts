import { describe, expect, it } from 'vitest';
import type { RawScan } from '../../../shared/bridge';
import { startCameraLoop } from '../../../renderer/scan/camera/camera-loop';
import type { BarcodeDecoder } from '../../../renderer/scan/camera/decoder';

/** The camera channel: frames to the decoder, one RawScan per symbol shown (not one per frame). */
describe('camera loop', () => {
  it('emits source camera once per symbol held in view, again after it was away', async () => {
    let now = 0;
    let shown: string | null = ']d20109501101530003';
    const decoder: BarcodeDecoder = { name: 'zxing-wasm', decode: async () => (shown ? { raw: shown, format: 'DataMatrix' } : null) };
    const scans: RawScan[] = [];
    const loop = startCameraLoop({
      grab: () => ({ data: new Uint8ClampedArray(4), width: 1, height: 1 }),
      decoder,
      onScan: (s) => scans.push(s),
      now: () => now,
      clock: () => new Date('2026-01-01T00:00:00Z'),
      timers: { setTimeout: () => 0, clearTimeout: () => {} },
    });
    for (let i = 0; i < 5; i++) {
      now += 100;
      await loop.tick();
    }
    expect(scans).toEqual([{ raw: ']d20109501101530003', source: 'camera', receivedAt: '2026-01-01T00:00:00.000Z' }]);
    shown = 'B1001';
    now += 100;
    await loop.tick();
    shown = ']d20109501101530003';
    now += 2000;
    await loop.tick();
    expect(scans.map((s) => s.raw)).toEqual([']d20109501101530003', 'B1001', ']d20109501101530003']);
    loop.stop();
    now += 5000;
    await loop.tick();
    expect(scans).toHaveLength(3);
  });
});
