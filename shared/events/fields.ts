import { z } from 'zod';

/**
 * Field schemas every domain's payloads share, so an id or a reason means the
 * same length and shape in an order event as in a JIS or machine event.
 */

export const id = z.string().min(1).max(200);
/** A positive whole number of parts (bookings, capacities, slots). */
export const count = z.number().int().positive();
/** A free-text reason a person gave, trimmed so blanks do not pass as a reason. */
export const reason = z.string().trim().min(1).max(500);
export const isoTime = z.string().datetime({ offset: true });
export const sscc = z.string().regex(/^\d{18}$/);
