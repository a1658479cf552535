/**
 * Raw DynamoDB JSON client for the in-process dynalite server (loopback only).
 * Requests carry a syntactically valid dummy SigV4 header: dynalite checks its
 * presence, not its signature; what lets them in is the backend guard's token header.
 */
import http from 'node:http';
import { DynamoDbError, internalError } from './errors.js';

/** Talks DynamoDB JSON 1.0 to the internal dynalite port. */
export class InternalClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly guardHeaders: http.OutgoingHttpHeaders,
  ) {}

  /** Calls `operation` (e.g. `GetItem`); resolves to the response JSON or rejects with a DynamoDbError. */
  call<T = Record<string, unknown>>(operation: string, body: unknown): Promise<T> {
    const payload = JSON.stringify(body);
    const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    return new Promise<T>((resolve, reject) => {
      const request = http.request(
        {
          host: this.host,
          port: this.port,
          method: 'POST',
          path: '/',
          agent: this.agent,
          headers: {
            ...this.guardHeaders,
            'Content-Type': 'application/x-amz-json-1.0',
            'Content-Length': Buffer.byteLength(payload),
            'X-Amz-Target': `DynamoDB_20120810.${operation}`,
            'X-Amz-Date': date,
            Authorization: `AWS4-HMAC-SHA256 Credential=local/${date.slice(0, 8)}/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=local`,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: Record<string, unknown>;
            try {
              json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
            } catch {
              reject(internalError(`Unparseable ${operation} response from dynalite: ${text.slice(0, 200)}`));
              return;
            }
            if ((response.statusCode ?? 500) >= 300) {
              const { __type, message, Message, ...rest } = json;
              reject(
                new DynamoDbError(
                  String(__type ?? 'com.amazonaws.dynamodb.v20120810#InternalServerError'),
                  String(message ?? Message ?? ''),
                  response.statusCode ?? 500,
                  rest,
                ),
              );
              return;
            }
            resolve(json as T);
          });
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  /** Closes pooled connections. */
  close(): void {
    this.agent.destroy();
  }
}
