import {
  BarcodeFormat,
  BinaryBitmap,
  DecodeHintType,
  HybridBinarizer,
  MultiFormatReader,
  RGBLuminanceSource,
  type Result,
} from '@zxing/library';
import { toLuminance, type BarcodeDecoder, type DecodedSymbol, type Frame } from './decoder';

/**
 * @zxing/library (the JavaScript port of ZXing). It reports no AIM identifier,
 * so one is derived: Code 128 with ASSUME_GS1 already starts with `]C1` when
 * FNC1 is in first position; a Data Matrix starting with GS (FNC1) is `]d2`.
 */
const FORMATS = [
  BarcodeFormat.CODE_128,
  BarcodeFormat.CODE_39,
  BarcodeFormat.DATA_MATRIX,
  BarcodeFormat.QR_CODE,
  BarcodeFormat.EAN_13,
  BarcodeFormat.EAN_8,
  BarcodeFormat.ITF,
];

const GS = '\u001d';

export function createZxingJsDecoder(): BarcodeDecoder {
  const reader = new MultiFormatReader();
  const hints = new Map<DecodeHintType, unknown>([
    [DecodeHintType.POSSIBLE_FORMATS, FORMATS],
    [DecodeHintType.TRY_HARDER, true],
    [DecodeHintType.ASSUME_GS1, true],
  ]);
  reader.setHints(hints);
  return {
    name: 'zxing-js',
    async decode(frame: Frame) {
      const source = new RGBLuminanceSource(toLuminance(frame), frame.width, frame.height);
      let result: Result;
      try {
        result = reader.decodeWithState(new BinaryBitmap(new HybridBinarizer(source)));
      } catch {
        return null; // NotFoundException and friends: nothing readable in this frame
      } finally {
        reader.reset();
      }
      return withAimPrefix(result.getBarcodeFormat(), result.getText());
    },
  };
}

export function withAimPrefix(format: BarcodeFormat, text: string): DecodedSymbol {
  const name = BarcodeFormat[format] ?? 'UNKNOWN';
  switch (format) {
    case BarcodeFormat.CODE_128:
      return { format: name, raw: text.startsWith(']C1') ? text : `]C0${text}` };
    case BarcodeFormat.DATA_MATRIX:
      return { format: name, raw: text.startsWith(GS) ? `]d2${text.slice(1)}` : `]d1${text}` };
    case BarcodeFormat.QR_CODE:
      return { format: name, raw: `]Q1${text}` };
    case BarcodeFormat.CODE_39:
      return { format: name, raw: `]A0${text}` };
    case BarcodeFormat.EAN_13:
      return { format: name, raw: `]E0${text}` };
    case BarcodeFormat.EAN_8:
      return { format: name, raw: `]E4${text}` };
    case BarcodeFormat.ITF:
      return { format: name, raw: `]I0${text}` };
    default:
      return { format: name, raw: text };
  }
}
