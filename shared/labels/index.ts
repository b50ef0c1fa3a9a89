// Public surface of the label module (DESIGN §7): one model, two outputs.
export * from './model';
export { LABEL_ERROR_CODES, type LabelErrorCode } from './errors';
export { compileZpl, MAX_COPIES, type CompileOptions } from './zpl';
// The SVG preview (shared/labels/svg.ts) is imported by path: it pulls in bwip-js, which the renderer loads on demand.
export { symbolContent, gs1ElementString, iso15434Message, CODE39_CHARACTERS, type SymbolContent } from './symbol-content';
export { fieldHex } from './zpl-escape';
export { bindLayout, bindString, placeholders, type Bindings } from './bind';
export { allocateSscc, buildSscc, isValidSscc, ssccCheckDigit, type SsccAllocation, type SsccRangeLike } from './sscc';
export * from './print-job';
export * from './host-status';
export * from './templates';
export { markDuplicate, hasDuplicateMark, DUPLICATE_WORDS } from './duplicate-mark';
export { containerLabelData, packageNumberOf, producedLotOf, type ContainerLabelFacts } from './container-label';
