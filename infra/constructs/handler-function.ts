import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionDefinition } from '../definitions/catalog.js';

/**
 * The Lambda runtime and the matching esbuild target. Node.js 20 as the project pins it
 * (package.json engines); Lambda disables creating nodejs20.x functions on 2027-02-01.
 */
const runtime = Runtime.NODEJS_20_X;
const esbuildTarget = 'node20';

/** Lets bundled ESM code call `require` (some dependencies are CommonJS). */
const requireShim = "import { createRequire } from 'module'; const require = createRequire(import.meta.url);";

/** Props of {@link HandlerFunction}. */
export interface HandlerFunctionProps {
  /** The catalogue entry. */
  readonly definition: FunctionDefinition;
  /** Absolute path of the project root; the entry and the lock file are relative to it. */
  readonly projectRoot: string;
  /** Environment variables common to every function (more are added per access). */
  readonly environment: Readonly<Record<string, string>>;
}

/**
 * One catalogue function: a Node.js 20 (arm64) Lambda bundled locally by esbuild as minified
 * ESM with source maps and the AWS SDK left to the runtime, X-Ray tracing, its own log group
 * kept for a year, and its own role that starts with nothing but writing to that log group
 * (no AWS managed policy): every other permission comes from the catalogue's access entry.
 */
export class HandlerFunction extends Construct {
  /** The Lambda function. */
  readonly function: NodejsFunction;
  /** The function's execution role. */
  readonly role: Role;
  /** The function's log group. */
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    super(scope, id);
    const { definition, projectRoot } = props;
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${definition.name}`,
    });
    this.logGroup.grantWrite(this.role);
    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(projectRoot, definition.entry),
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      description: definition.description,
      runtime,
      architecture: Architecture.ARM_64,
      memorySize: definition.memoryMb,
      timeout: Duration.seconds(definition.timeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      tracing: Tracing.ACTIVE,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        format: OutputFormat.ESM,
        target: esbuildTarget,
        minify: true,
        sourceMap: true,
        mainFields: ['module', 'main'],
        banner: requireShim,
        externalModules: ['@aws-sdk/*'],
        forceDockerBundling: false,
      },
    });
  }
}
