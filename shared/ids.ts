import { v7 as uuidv7, validate, version } from 'uuid';

/** Event and record ids: UUIDv7, time-ordered so that indexes stay append-only. */
export function newId(): string {
  return uuidv7();
}

export function isUuidV7(value: string): boolean {
  return validate(value) && version(value) === 7;
}
