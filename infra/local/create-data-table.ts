/** Creates the single table in the local emulator from the definition the CDK stack uses. */
import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, UpdateTimeToLiveCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dataTable } from '../definitions/data-store.js';

/** Creates `tableName` with the keys, indexes and TTL attribute of {@link dataTable}, unless it exists. */
export async function createDataTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const attributes = new Set<string>([dataTable.partitionKey, dataTable.sortKey]);
  for (const index of dataTable.globalSecondaryIndexes) {
    attributes.add(index.partitionKey);
    attributes.add(index.sortKey);
  }
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: dataTable.partitionKey, KeyType: 'HASH' },
        { AttributeName: dataTable.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: dataTable.globalSecondaryIndexes.map((index) => ({
        IndexName: index.indexName,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    }),
  );
  await client.send(new UpdateTimeToLiveCommand({ TableName: tableName, TimeToLiveSpecification: { AttributeName: dataTable.timeToLiveAttribute, Enabled: true } }));
}
