/** The trace API's answers, as the server declares them (type-only: nothing of the server is bundled). */
export type { BatchTrace } from '../../server/trace/forward';
export type { ContainerTrace, SerialTrace } from '../../server/trace/backward';

export type ScanResolution = { kind: 'batch'; materialId: string; batch: string } | { kind: 'container'; id: string } | { kind: 'serial'; serial: string };

export type TraceQuery = ScanResolution;
