/**
 * A GET of the webPages Lambda, called in process as API Gateway would (for unit tests of
 * the pages' headers and shells).
 */
import type { APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';

/** The webPages handler, as the tests call it. */
export type PagesHandler = (event: never, context: Context) => Promise<unknown>;

/** Sends `GET path` to `handler` and returns its answer. */
export async function getPage(handler: PagesHandler, path: string): Promise<APIGatewayProxyStructuredResultV2> {
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers: {},
    requestContext: { http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' }, requestId: 'test' },
    isBase64Encoded: false,
  };
  return (await handler(event as never, { getRemainingTimeInMillis: () => 10_000 } as Context)) as APIGatewayProxyStructuredResultV2;
}
