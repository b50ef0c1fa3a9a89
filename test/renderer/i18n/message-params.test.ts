import { describe, expect, it } from 'vitest';
import { messageParams } from '../../../renderer/i18n/params';

describe('message parameters', () => {
  it('give a master-data word in the operator’s language (name@de / name@en → name)', () => {
    const params = { 'reason@de': 'Werkzeugwechsel', 'reason@en': 'Tool change', quantity: 2 };
    expect(messageParams(params, 'de')).toEqual({ reason: 'Werkzeugwechsel', quantity: 2, count: 2 });
    expect(messageParams(params, 'en-GB')).toEqual({ reason: 'Tool change', quantity: 2, count: 2 });
  });
});
