import { fail, type LabelErrorCode } from '../errors';

// The label pipeline's codes are listed with all others in shared/errors.ts (one closed set).
export { LABEL_ERROR_CODES, type LabelErrorCode } from '../errors';

export const labelFail = (code: LabelErrorCode, message: string) => fail(code, message);
