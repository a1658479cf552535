/** Evidence inspection: the entry point and the types the evidence processor needs. */
export { inspectEvidence } from './inspect-evidence.js';
export { contentTypesByFormat, formatOfContentType } from '#shared/domain/evidence-formats.js';
export type { EvidenceExpectation, EvidenceInspection, EvidenceProblem, EvidenceProblemCode } from './types.js';
