import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { bucketCors, bucketPrefixes, dataTable } from '#infra/definitions/data-store.js';
import { environmentNames } from '#infra/definitions/environment.js';
import { logicalId, type SynthesizedProvince, synthProvince } from './synth-province.js';

let synthesized: SynthesizedProvince;
let template: Template;
beforeAll(() => {
  synthesized = synthProvince();
  template = synthesized.template;
});

describe('data table', () => {
  it('has the keys, indexes and TTL attribute of data-store.ts', () => {
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: dataTable.partitionKey, KeyType: 'HASH' },
        { AttributeName: dataTable.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: dataTable.globalSecondaryIndexes.map((index) =>
        Match.objectLike({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
        }),
      ),
      TimeToLiveSpecification: { AttributeName: dataTable.timeToLiveAttribute, Enabled: true },
    });
  });

  it('is on-demand, recoverable to a point in time, encrypted, protected and retained', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: true,
      }),
    });
  });
});

describe('evidence bucket', () => {
  const evidenceBucketId = () => logicalId(synthesized.stack.evidenceBucket.bucket);

  it('is encrypted, private, versioned, retained and logs access to the log bucket', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
      }),
    });
  });

  it('denies every request without TLS', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: evidenceBucketId() },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('allows browser POST and GET from the API origin only', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [
          {
            AllowedMethods: [...bucketCors.allowedMethods],
            AllowedHeaders: [...bucketCors.allowedHeaders],
            MaxAge: bucketCors.maxAgeSeconds,
            AllowedOrigins: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^HttpApi'), 'ApiEndpoint'] }],
          },
        ],
      },
    });
  });

  it('takes the CORS origin from -c webOrigin and refuses a wildcard', () => {
    const custom = synthProvince({ extra: { webOrigin: 'https://cjrh.jyt.gxzf.gov.cn' } });
    custom.template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedOrigins: ['https://cjrh.jyt.gxzf.gov.cn'] })] },
    });
    expect(() => synthProvince({ extra: { webOrigin: '*' } })).toThrow(/webOrigin/);
  });

  it('tells the web pages the bucket origin the browser uploads to (the portal CSP allows it)', () => {
    const web = template.toJSON().Resources[logicalId(synthesized.stack.handlers.webPages.function)];
    expect(web.Properties.Environment.Variables[environmentNames.evidenceUploadOrigin]).toEqual({
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [evidenceBucketId(), 'RegionalDomainName'] }]],
    });
  });

  it('aborts unfinished multipart uploads and expires quarantine objects after two days', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, Status: 'Enabled' }),
          Match.objectLike({ Prefix: bucketPrefixes.quarantine, ExpirationInDays: 2, Status: 'Enabled' }),
        ]),
      },
    });
  });

  it('runs the evidence processor for objects created under quarantine/', () => {
    const processorId = logicalId(synthesized.stack.handlers.evidenceProcessor.function);
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: evidenceBucketId() },
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          {
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: bucketPrefixes.quarantine }] } },
            LambdaFunctionArn: { 'Fn::GetAtt': [processorId, 'Arn'] },
          },
        ],
      },
    });
  });
});
