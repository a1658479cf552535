/** Evidence inspection: the entry point and the types the evidence processor needs. */
export { inspectEvidence } from './inspect-evidence.js';
export { contentTypesByFormat, formatOfContentType } from './content-types.js';
export type { EvidenceExpectation, EvidenceInspection, EvidenceProblem, EvidenceProblemCode } from './types.js';
