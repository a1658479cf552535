import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, type ITable, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
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

/** Props of {@link DataTable}. */
export interface DataTableProps {
  /**
   * The name of a table restored from this one (point-in-time restore, docs/RESTORE.md) to use
   * instead: the stack then refers to that table and no longer manages one (the original is
   * retained, not deleted). Undefined: the stack's own table.
   */
  readonly restoredTableName?: string | undefined;
}

/**
 * The single DynamoDB table, shaped by `dataTable` in `definitions/data-store.ts`: on-demand,
 * point-in-time recovery, deletion protection, retained on stack deletion, encrypted with the
 * AWS managed key, TTL on the definition's attribute. Or, after a restore, the restored table
 * by name ({@link DataTableProps.restoredTableName}).
 */
export class DataTable extends Construct {
  /** The table itself. */
  readonly table: ITable;

  constructor(scope: Construct, id: string, props: DataTableProps = {}) {
    super(scope, id);
    this.table = props.restoredTableName ? Table.fromTableName(this, 'Table', props.restoredTableName) : DataTable.createTable(this);
  }

  private static createTable(scope: Construct): Table {
    const table = new Table(scope, 'Table', {
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
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }
    return table;
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
