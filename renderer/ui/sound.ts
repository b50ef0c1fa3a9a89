/**
 * Short beeps for scan feedback: OK is one high tone, NOK two low, harsh
 * tones, so an operator two metres away tells them apart without looking.
 * Silent where Web Audio is missing (jsdom, locked-down kiosks).
 */
type AudioContextCtor = new () => AudioContext;

let context: AudioContext | null = null;

function audioContext(): AudioContext | null {
  if (context) return context;
  const g = globalThis as unknown as { AudioContext?: AudioContextCtor; webkitAudioContext?: AudioContextCtor };
  const Ctor = g.AudioContext ?? g.webkitAudioContext;
  if (!Ctor) return null;
  try {
    context = new Ctor();
  } catch {
    return null;
  }
  return context;
}

function tone(ctx: AudioContext, frequency: number, type: OscillatorType, startAt: number, seconds: number): void {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = type;
  osc.frequency.value = frequency;
  gain.gain.setValueAtTime(0.25, startAt);
  gain.gain.exponentialRampToValueAtTime(0.001, startAt + seconds);
  osc.connect(gain).connect(ctx.destination);
  osc.start(startAt);
  osc.stop(startAt + seconds);
}

export function beep(kind: 'ok' | 'nok'): void {
  const ctx = audioContext();
  if (!ctx) return;
  try {
    if (ctx.state === 'suspended') void ctx.resume();
    const t = ctx.currentTime;
    if (kind === 'ok') {
      tone(ctx, 1320, 'sine', t, 0.12);
    } else {
      tone(ctx, 220, 'square', t, 0.18);
      tone(ctx, 180, 'square', t + 0.24, 0.3);
    }
  } catch {
    // Sound is a bonus; colour, icon and text carry the message.
  }
}
