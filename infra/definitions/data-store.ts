/**
 * The data store's shape, defined once: the CDK stack and the local runtime both create
 * the single DynamoDB table and the evidence bucket from these definitions.
 */

/** Attribute names of the single table's keys and its global secondary indexes. */
export const dataTable = {
  partitionKey: 'pk',
  sortKey: 'sk',
  globalSecondaryIndexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
  timeToLiveAttribute: 'expiresAt',
} as const;

/** Key prefixes inside the evidence bucket. */
export const bucketPrefixes = {
  /** Browser uploads land here; the upload event runs the evidence processor. */
  quarantine: 'quarantine/',
  /** Verified evidence, copied from quarantine by the processor. */
  evidence: 'evidence/',
  /** Generated documents (notices, exports). */
  output: 'output/',
} as const;

/** CORS for browser presigned POST uploads and presigned GET downloads. */
export const bucketCors = {
  allowedMethods: ['POST', 'GET'] as const,
  allowedHeaders: ['*'],
  maxAgeSeconds: 3000,
} as const;

/** Longest validity of a presigned upload policy. */
export const uploadPolicyMaxSeconds = 15 * 60;
