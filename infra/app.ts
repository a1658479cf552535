import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DeploymentContextError, readDeploymentContext } from './stacks/deployment-context.js';
import { EdgeStack, edgeStackName } from './stacks/edge-stack.js';
import { ProvinceStack, provinceStackName } from './stacks/province-stack.js';

/**
 * The CDK app: one stack per province (or the ministry), named `CjrhRecognition-<province>-<stage>`.
 *
 * Synth (offline; functions are bundled by the local esbuild, no Docker):
 * `CDK_DISABLE_VERSION_CHECK=1 npx cdk synth -c province=gx [-c stage=test] --quiet`
 * with the pinned CLI (aws-cdk 2.1148.1). Context keys, validated in `stacks/deployment-context.ts`:
 * `province` (required), `stage` (default `prod`), `partition` (`aws` default, or `aws-cn`),
 * `region` (aws-cn: `cn-north-1` default or `cn-northwest-1`; aws: optional, else the CLI's),
 * `jwtIssuer`/`jwtAudience` (required: the OIDC issuer and client id; cdk.json holds example
 * values to replace per deployment), `mailFrom` and `staffEmail` (required; the staff told of
 * failed workflow steps), `mailTransport` (`ses` default in aws; `smtp`, the only one in
 * aws-cn, with `smtpSecretArn` or else a secret the stack creates), `webOrigin` (default: the API endpoint),
 * `edgeApiDomain` (the deployed API's host: adds the `CjrhRecognitionEdge-<province>-<stage>`
 * stack in us-east-1, CloudFront with the AWS WAF rate rules, `aws` partition only),
 * `regionalEdgeDomain` + `regionalEdgeCertificateArn` (a REST API with a REGIONAL AWS WAF web ACL
 * in front of the HTTP API, in the province stack: aws-cn), `edgeOriginSecret` (with either edge),
 * `alarmEmail` (subscribed to the alarm topic), `restoredTableName` (docs/RESTORE.md).
 * cdk-nag's AwsSolutions pack checks the result; an unacknowledged finding fails synthesis.
 */
const app = new App();
try {
  const context = readDeploymentContext(app.node);
  new ProvinceStack(app, provinceStackName(context), { context });
  if (context.edgeApiDomain && context.edgeOriginSecret) {
    new EdgeStack(app, edgeStackName(context), { context: { ...context, edgeApiDomain: context.edgeApiDomain, edgeOriginSecret: context.edgeOriginSecret } });
  }
} catch (error) {
  if (!(error instanceof DeploymentContextError)) throw error;
  console.error(`Error: ${error.message}`);
  process.exit(1);
}
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
