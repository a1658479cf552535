import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { FunctionAccess } from '../definitions/catalog.js';
import { dataTable } from '../definitions/data-store.js';

const readActions = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const writeActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/**
 * The single DynamoDB table, shaped by `dataTable` in `definitions/data-store.ts`: on-demand,
 * point-in-time recovery, deletion protection, retained on stack deletion, encrypted with the
 * AWS managed key, TTL on the definition's attribute.
 */
export class DataTable extends Construct {
  /** The table itself. */
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: dataTable.partitionKey, type: AttributeType.STRING },
      sortKey: { name: dataTable.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: TableEncryption.AWS_MANAGED,
      timeToLiveAttribute: dataTable.timeToLiveAttribute,
    });
    for (const index of dataTable.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }
  }

  /**
   * Grants item-level reads on the table and each named index (listed one by one, not
   * `index/*`) and, for `readWrite`, item writes on the table; no stream or management actions.
   */
  grant(grantee: IGrantable, access: FunctionAccess['table']): void {
    const { tableArn } = this.table;
    const indexArns = dataTable.globalSecondaryIndexes.map((index) => `${tableArn}/index/${index.indexName}`);
    const principal = grantee.grantPrincipal;
    principal.addToPrincipalPolicy(new PolicyStatement({ actions: readActions, resources: [tableArn, ...indexArns] }));
    if (access === 'readWrite') {
      principal.addToPrincipalPolicy(new PolicyStatement({ actions: writeActions, resources: [tableArn] }));
    }
  }
}
