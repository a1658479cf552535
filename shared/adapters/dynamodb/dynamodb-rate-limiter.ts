/**
 * The {@link RateLimiter} on the single table: one counter item per limit key and window
 * (see record-keys.ts), raised by a conditional update so that concurrent requests on any
 * number of instances never count past the limit; DynamoDB's TTL removes old windows.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { rateLimited, rateWindow, type RateLimit } from '#shared/domain/rate-limit.js';
import type { RateLimiter } from '#shared/ports/rate-limiter.js';
import { rateCounterKey } from './record-keys.js';

/** How long a window's counter is kept after the window ended (TTL deletion is lazy anyway). */
const keepSeconds = 3600;

export class DynamoDbRateLimiter implements RateLimiter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** The table's TTL attribute (epoch seconds). */
    private readonly expiryAttribute: string,
  ) {}

  async consume(limits: readonly RateLimit[], now: Date): Promise<void> {
    for (const limit of limits) {
      const window = rateWindow(limit, now);
      try {
        await this.client.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: rateCounterKey(limit.key, window.startsAt),
            UpdateExpression: 'ADD #count :one SET #expires = if_not_exists(#expires, :expires)',
            ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
            ExpressionAttributeNames: { '#count': 'count', '#expires': this.expiryAttribute },
            ExpressionAttributeValues: { ':one': 1, ':limit': limit.limit, ':expires': Math.ceil(window.endsAt.getTime() / 1000) + keepSeconds },
          }),
        );
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) throw rateLimited(limit, now);
        throw error;
      }
    }
  }
}
