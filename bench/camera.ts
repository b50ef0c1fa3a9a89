/**
 * `npm run bench -- camera`: both camera decoders (@zxing/library and
 * zxing-wasm) on the same generated 640×480 frames: Code 128 GS1, GS1
 * DataMatrix, ISO 15434 DataMatrix and QR, each sharp, rotated, blurred and
 * both. Decode rate (the exact expected data, AIM identifier included) and
 * median ms per frame. The winner is DEFAULT_DECODER in
 * renderer/scan/camera/decoder.ts.
 */
import { readFileSync } from 'node:fs';
import type { BarcodeDecoder, Frame } from '../renderer/scan/camera/decoder';
import { createZxingJsDecoder } from '../renderer/scan/camera/zxing-js-decoder';
import { createZxingWasmDecoder } from '../renderer/scan/camera/zxing-wasm-decoder';
import { CAMERA_SYMBOLS, CONDITIONS, composeFrame, renderSymbol } from '../test/renderer/scan/support/symbol-frames';
import { median, quantile } from './support/stats';

interface Case {
  symbol: string;
  condition: string;
  expected: string;
  frame: Frame;
}


export async function run(): Promise<unknown> {
  const repeats = Number(process.env['BENCH_RUNS'] ?? 5);
  const cases: Case[] = [];
  for (const spec of CAMERA_SYMBOLS) {
    const symbol = await renderSymbol(spec);
    for (const c of CONDITIONS) cases.push({ symbol: spec.name, condition: c.name, expected: spec.expected, frame: composeFrame(symbol, { rotate: c.rotate, blur: c.blur }) });
  }
  const wasm = readFileSync(new URL('../node_modules/zxing-wasm/dist/reader/zxing_reader.wasm', import.meta.url));
  const decoders: BarcodeDecoder[] = [createZxingJsDecoder(), createZxingWasmDecoder({ binary: wasm })];

  const results: Record<string, { decoded: number; frames: number; rate: number; medianMs: number; p90Ms: number; perCase: Record<string, { ok: boolean; ms: number }> }> = {};
  for (const decoder of decoders) {
    await decoder.decode(cases[0]!.frame); // load / JIT warm-up
    const times: number[] = [];
    const perCase: Record<string, { ok: boolean; ms: number }> = {};
    let decoded = 0;
    for (const c of cases) {
      const caseTimes: number[] = [];
      let ok = false;
      for (let i = 0; i < repeats; i++) {
        const start = performance.now();
        const result = await decoder.decode(c.frame);
        caseTimes.push(performance.now() - start);
        ok = result?.raw === c.expected;
      }
      if (ok) decoded++;
      times.push(...caseTimes);
      perCase[`${c.symbol} / ${c.condition}`] = { ok, ms: Number(median(caseTimes).toFixed(2)) };
    }
    results[decoder.name] = {
      decoded,
      frames: cases.length,
      rate: decoded / cases.length,
      medianMs: Number(median(times).toFixed(2)),
      p90Ms: Number(quantile(times, 0.9).toFixed(2)),
      perCase,
    };
  }

  const names = Object.keys(results);
  console.log(`frames: ${cases.length} (640×480; ${CAMERA_SYMBOLS.length} symbols × ${CONDITIONS.length} conditions), ${repeats} decodes each\n`);
  console.log(`${'frame'.padEnd(44)}${names.map((n) => n.padEnd(20)).join('')}`);
  for (const key of Object.keys(results[names[0]!]!.perCase)) {
    console.log(`${key.padEnd(44)}${names.map((n) => {
      const r = results[n]!.perCase[key]!;
      return `${r.ok ? '✔' : '✖'} ${r.ms.toFixed(1)} ms`.padEnd(20);
    }).join('')}`);
  }
  console.log('');
  for (const n of names) {
    const r = results[n]!;
    console.log(`${n.padEnd(12)} decode rate ${r.decoded}/${r.frames} (${(100 * r.rate).toFixed(0)}%)  median ${r.medianMs} ms/frame  p90 ${r.p90Ms} ms`);
  }
  const winner = names.reduce((best, n) => {
    const a = results[best]!;
    const b = results[n]!;
    return b.rate > a.rate || (b.rate === a.rate && b.medianMs < a.medianMs) ? n : best;
  });
  console.log(`\nbetter decoder: ${winner} (DEFAULT_DECODER)`);
  return { frames: cases.length, repeats, results, winner };
}
