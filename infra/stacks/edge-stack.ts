import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { acknowledgeEdgeFindings } from '../constructs/nag-suppressions.js';
import { PublicEdge } from '../constructs/public-edge.js';
import type { DeploymentContext } from './deployment-context.js';

/** Props of {@link EdgeStack}. */
export interface EdgeStackProps extends StackProps {
  readonly context: DeploymentContext & { readonly edgeApiDomain: string; readonly edgeOriginSecret: string };
}

/** The name of a deployment's edge stack, e.g. `CjrhRecognitionEdge-gx-prod`. */
export function edgeStackName(context: Pick<DeploymentContext, 'province' | 'stage'>): string {
  return `CjrhRecognitionEdge-${context.province}-${context.stage}`;
}

/**
 * The CloudFront distribution and AWS WAF web ACL in front of a province's HTTP API
 * (`aws` partition only: CloudFront web ACLs live in us-east-1, and in aws-cn AWS WAF is
 * regional only). Deployed after the province stack, with its API host as `edgeApiDomain`.
 */
export class EdgeStack extends Stack {
  /** The distribution and its web ACL. */
  readonly edge: PublicEdge;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, {
      ...props,
      env: { ...props.env, region: 'us-east-1' },
      description: props.description ?? `产教融合认定评审平台 edge: CloudFront + AWS WAF (${props.context.province}, ${props.context.stage})`,
    });
    Tags.of(this).add('Project', 'cjrh-recognition');
    Tags.of(this).add('Province', props.context.province);
    Tags.of(this).add('Stage', props.context.stage);
    this.edge = new PublicEdge(this, 'Edge', { apiDomain: props.context.edgeApiDomain, originSecret: props.context.edgeOriginSecret });
    new CfnOutput(this, 'EdgeDomain', { value: this.edge.distribution.distributionDomainName });
    new CfnOutput(this, 'WebAclArn', { value: this.edge.webAcl.attrArn });
    acknowledgeEdgeFindings(this.edge);
  }
}
