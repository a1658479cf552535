import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DeploymentContextError, readDeploymentContext } from './stacks/deployment-context.js';
import { ProvinceStack, provinceStackName } from './stacks/province-stack.js';

/**
 * The CDK app: one stack per province, `cdk synth -c province=gx [-c stage=test]`; see
 * `stacks/deployment-context.ts` for every context key. cdk-nag's AwsSolutions pack checks
 * the result; an unacknowledged error fails synthesis.
 */
const app = new App();
try {
  const context = readDeploymentContext(app.node);
  new ProvinceStack(app, provinceStackName(context), { context });
} catch (error) {
  if (!(error instanceof DeploymentContextError)) throw error;
  console.error(`Error: ${error.message}`);
  process.exit(1);
}
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
app.synth();
