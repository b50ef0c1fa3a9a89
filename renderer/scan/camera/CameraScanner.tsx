import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RawScan } from '../../../shared/bridge';
import { startCameraLoop } from './camera-loop';
import { createDecoder } from './create-decoder';
import type { BarcodeDecoder, Frame } from './decoder';

export interface CameraScannerProps {
  onScan: (scan: RawScan) => void;
  /** Injected in tests; by default the benchmark's winner, loaded on mount. */
  decoder?: BarcodeDecoder;
  /** Injected in tests; by default navigator.mediaDevices.getUserMedia. */
  getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
}

type CameraState = 'starting' | 'running' | 'denied' | 'unavailable';

/**
 * The camera as a scanner: the back camera at 640×480 (the Electron session
 * grants the camera and nothing else), a frame every ~120 ms to the decoder,
 * each new symbol a RawScan with source 'camera'. Stops the camera on unmount.
 */
export function CameraScanner({ onScan, decoder, getUserMedia }: CameraScannerProps) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CameraState>('starting');
  const onScanRef = useRef(onScan);
  onScanRef.current = onScan;

  useEffect(() => {
    let cancelled = false;
    let stream: MediaStream | null = null;
    let stopLoop: (() => void) | null = null;
    const canvas = document.createElement('canvas');
    const ask = getUserMedia ?? ((c: MediaStreamConstraints) => navigator.mediaDevices.getUserMedia(c));

    const grab = (): Frame | null => {
      const el = video.current;
      if (!el || el.readyState < 2 || el.videoWidth === 0) return null;
      canvas.width = el.videoWidth;
      canvas.height = el.videoHeight;
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (!ctx) return null;
      ctx.drawImage(el, 0, 0);
      return ctx.getImageData(0, 0, canvas.width, canvas.height);
    };

    void (async () => {
      try {
        stream = await ask({ video: { facingMode: 'environment', width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
      } catch (err) {
        if (!cancelled) setState(err instanceof DOMException && err.name === 'NotAllowedError' ? 'denied' : 'unavailable');
        return;
      }
      if (cancelled) {
        stream.getTracks().forEach((track) => track.stop());
        return;
      }
      if (video.current) {
        video.current.srcObject = stream;
        void video.current.play().catch(() => {});
      }
      const active = decoder ?? (await createDecoder());
      if (cancelled) return;
      stopLoop = startCameraLoop({ grab, decoder: active, onScan: (scan) => onScanRef.current(scan) }).stop;
      setState('running');
    })();

    return () => {
      cancelled = true;
      stopLoop?.();
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [decoder, getUserMedia]);

  return (
    <div className="camera-scanner" data-testid="camera-scanner" data-state={state}>
      <video ref={video} className="camera-video" muted playsInline aria-label={t('scanTest.cameraVideo')} />
      {state !== 'running' && (
        <p className={`notice ${state === 'starting' ? 'notice-busy' : 'notice-nok'}`} role="status">
          {t(`scanTest.camera.${state}`)}
        </p>
      )}
    </div>
  );
}
