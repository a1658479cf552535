import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, type AppProps, type CfnElement, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, expect } from 'vitest';
import { type Partition, readDeploymentContext } from '#infra/stacks/deployment-context.js';
import { ProvinceStack, provinceStackName } from '#infra/stacks/province-stack.js';

/** The project root, where `cdk.json` is. */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The context of `cdk.json` (example issuer, audience, sender, feature flags). */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(projectRoot, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

/** Output folders of the test file's apps, removed after its tests. */
const outputFolders: string[] = [];
afterAll(() => {
  for (const folder of outputFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/**
 * A CDK app for a test, with an output folder of its own that is removed after the test
 * file's tests (an app without `outdir` leaves a `cdk.out*` folder in the temporary
 * directory behind: about 100 MB for a bundled synthesis, on every run of the suite).
 */
export function testApp(props: Omit<AppProps, 'outdir'> = {}): App {
  const outdir = mkdtempSync(path.join(tmpdir(), 'cjrh-cdk-'));
  outputFolders.push(outdir);
  return new App({ ...props, outdir });
}

/** A synthesized province stack and its template. */
export interface SynthesizedProvince {
  readonly app: App;
  readonly stack: ProvinceStack;
  readonly template: Template;
}

/**
 * Synthesizes the stack as `cdk synth -c province=gx [-c partition=…]` does (cdk.json context
 * plus `extra`). Without `bundle`, functions are not bundled (esbuild is slow; one test file
 * bundles). CDK's built-in CloudFormation template validation (seconds per synthesis) is left
 * to `cdk synth`.
 */
export function synthProvince(options: { bundle?: boolean; partition?: Partition; extra?: Record<string, unknown> } = {}): SynthesizedProvince {
  const app = testApp({
    builtinCloudFormationValidation: false,
    context: {
      ...cdkJsonContext(),
      province: 'gx',
      ...(options.partition ? { partition: options.partition } : {}),
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...options.extra,
    },
  });
  const context = readDeploymentContext(app.node);
  const stack = new ProvinceStack(app, provinceStackName(context), { context });
  return { app, stack, template: countingAssertions(Template.fromStack(stack)) };
}

/** The CDK `Template` checks that throw on a mismatch instead of returning. */
const templateChecks = new Set(['hasResource', 'hasResourceProperties', 'hasOutput', 'hasMapping', 'hasCondition', 'hasParameter', 'resourceCountIs', 'resourcePropertiesCountIs', 'templateMatches', 'allResources', 'allResourcesProperties']);

/**
 * The template with its own checks (`hasResourceProperties`, `resourceCountIs`, …) counted as
 * vitest assertions: the suite requires every test to assert, and a test made only of CDK
 * checks asserts too. A failing check still fails with CDK's message.
 */
function countingAssertions(template: Template): Template {
  return new Proxy(template, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (typeof property !== 'string' || !templateChecks.has(property)) return value.bind(target);
      return (...args: unknown[]) => expect(() => value.apply(target, args)).not.toThrow();
    },
  });
}

/** One IAM policy statement as synthesized. */
export interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

/** Every statement of the policies attached to a role (by the role's logical id). */
export function statementsOfRole(template: Template, roleLogicalId: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((policy) =>
      (policy.Properties.Roles as unknown[]).some((role) => JSON.stringify(role) === JSON.stringify({ Ref: roleLogicalId })),
    )
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
}

/** `[action, resource]` pairs of statements, resources as JSON strings for comparison. */
export function grantsOf(statements: readonly Statement[]): [string, string][] {
  return statements.flatMap((statement) => {
    const actions = [statement.Action].flat();
    const resources = [statement.Resource].flat();
    return actions.flatMap((action) => resources.map((resource): [string, string] => [action, JSON.stringify(resource)]));
  });
}

/** The logical id of an L2 construct's CloudFormation resource. */
export function logicalId(construct: IConstruct): string {
  return Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);
}
