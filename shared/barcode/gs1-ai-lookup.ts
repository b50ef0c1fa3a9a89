import type { Gs1AiDefinition } from './gs1-ai-types';
import { GS1_AI_TABLE } from './gs1-ai-table';

/** Definition of an exact AI string, e.g. "3103". */
export function getAi(ai: string): Gs1AiDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(GS1_AI_TABLE, ai) ? GS1_AI_TABLE[ai] : undefined;
}

/** The AI that starts at `pos` in `data`. GS1 AIs are prefix-free, so at most one of 2, 3 or 4 digits matches. */
export function findAiAt(data: string, pos: number): Gs1AiDefinition | undefined {
  for (let len = 2; len <= 4; len++) {
    const candidate = data.slice(pos, pos + len);
    if (candidate.length < len || !/^[0-9]+$/.test(candidate)) return undefined;
    const def = getAi(candidate);
    if (def) return def;
  }
  return undefined;
}

export const fixedLength = (def: Gs1AiDefinition): number => def.components.reduce((n, c) => n + c.max, 0);
export const maxLength = fixedLength;

export const titleOf = (def: Gs1AiDefinition): string => def.title || `AI ${def.ai}`;
