import { describe, expect, it } from 'vitest';
import { isUuidV7, newId } from '../../shared/ids';

describe('ids', () => {
  it('are UUIDv7 and sort by creation time', () => {
    const ids = Array.from({ length: 200 }, () => newId());
    expect(ids.every(isUuidV7)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('rejects other versions', () => {
    expect(isUuidV7('123e4567-e89b-42d3-a456-426614174000')).toBe(false);
    expect(isUuidV7('not-a-uuid')).toBe(false);
  });
});
