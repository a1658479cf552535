/** The S3 operation a REST request stands for, by method, path, query and headers. */

/**
 * The operation name of a call to `<prefix>/<bucket>[/<key>]` (path after the prefix).
 *
 * @example
 * s3Operation('GET', '/bucket/evidence/a.pdf', new URLSearchParams(), {}); // 'GetObject'
 */
export function s3Operation(method: string, path: string, query: URLSearchParams, headers: Readonly<Record<string, unknown>>): string {
  const hasKey = /^\/[^/]+\/./.test(path);
  switch (method) {
    case 'GET':
      if (hasKey) return 'GetObject';
      return query.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
    case 'HEAD':
      return hasKey ? 'HeadObject' : 'HeadBucket';
    case 'PUT':
      if (!hasKey) return 'CreateBucket';
      return headers['x-amz-copy-source'] === undefined ? 'PutObject' : 'CopyObject';
    case 'POST':
      if (query.has('delete')) return 'DeleteObjects';
      return hasKey ? 'PostObjectAction' : 'PostObject';
    case 'DELETE':
      return hasKey ? 'DeleteObject' : 'DeleteBucket';
    default:
      return method;
  }
}
