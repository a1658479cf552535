import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  EventType,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionAccess } from '../definitions/catalog.js';
import { bucketCors, bucketPrefixes } from '../definitions/data-store.js';

/** One prefix grant of a function, as in the catalogue. */
export type PrefixAccess = NonNullable<FunctionAccess['bucket']>[number];

const objectActions: Record<PrefixAccess['actions'][number], string> = {
  read: 's3:GetObject',
  write: 's3:PutObject',
  delete: 's3:DeleteObject',
};

/** Props of {@link EvidenceBucket}. */
export interface EvidenceBucketProps {
  /** The only origin browsers may upload from (presigned POST) and download to (presigned GET). */
  readonly webOrigin: string;
}

/**
 * The evidence bucket (prefixes from `bucketPrefixes` in `definitions/data-store.ts`) and the
 * bucket receiving its server access logs. Both private, TLS-only, versioned, S3-managed encryption,
 * retained on stack deletion; unfinished multipart uploads are aborted and unprocessed
 * `quarantine/` objects expire after two days. Upload events the processor still fails on after
 * Lambda's two retries go to a dead-letter queue ({@link EvidenceBucket.failedUploadEvents}).
 */
export class EvidenceBucket extends Construct {
  /** The evidence bucket. */
  readonly bucket: Bucket;
  /** Destination of the evidence bucket's server access logs. */
  readonly accessLogsBucket: Bucket;
  /**
   * Upload events the processor failed on after every retry (Lambda's on-failure destination,
   * with the event and the error), kept 14 days; the upload itself expires from `quarantine/`
   * after two. Encrypted, TLS only.
   */
  readonly failedUploadEvents: Queue;

  constructor(scope: Construct, id: string, props: EvidenceBucketProps) {
    super(scope, id);
    this.accessLogsBucket = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Versioned like the evidence: a deleted log object can be restored for 30 days.
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(400), noncurrentVersionExpiration: Duration.days(30) }],
    });
    this.failedUploadEvents = new Queue(this, 'FailedUploadEvents', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'evidence-bucket/',
      cors: [
        {
          allowedOrigins: [props.webOrigin],
          allowedMethods: bucketCors.allowedMethods.map((method) => HttpMethods[method]),
          allowedHeaders: [...bucketCors.allowedHeaders],
          maxAge: bucketCors.maxAgeSeconds,
        },
      ],
      lifecycleRules: [
        { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        {
          id: 'expire-quarantine',
          prefix: bucketPrefixes.quarantine,
          expiration: Duration.days(2),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
    });
  }

  /**
   * Grants exactly the object actions of one catalogue prefix grant
   * (read → s3:GetObject, write → s3:PutObject, delete → s3:DeleteObject) on `<prefix>*`.
   */
  grantPrefix(grantee: IGrantable, access: PrefixAccess): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: access.actions.map((action) => objectActions[action]),
        resources: [this.prefixObjectsArn(access.prefix)],
      }),
    );
  }

  /** ARN pattern of the objects under a prefix, e.g. `arn:…:bucket/evidence/*`. */
  prefixObjectsArn(prefix: string): string {
    return this.bucket.arnForObjects(`${prefix}*`);
  }

  /**
   * Runs the handler for every object created under `quarantine/` (browser uploads), sending
   * the events it still fails on after two retries to {@link failedUploadEvents}.
   */
  notifyUploads(handler: IFunction): void {
    handler.configureAsyncInvoke({ retryAttempts: 2, onFailure: new SqsDestination(this.failedUploadEvents) });
    this.bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(handler), {
      prefix: bucketPrefixes.quarantine,
    });
  }
}
