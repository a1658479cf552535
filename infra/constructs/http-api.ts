import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CfnStage, HttpApi, HttpMethod, type HttpRoute, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionName, RouteDefinition } from '../definitions/catalog.js';

/** Props of {@link PlatformHttpApi}. */
export interface PlatformHttpApiProps {
  /** OIDC issuer URL whose JWTs the authorizer accepts. */
  readonly jwtIssuer: string;
  /** Accepted `aud` (or `client_id`) values. */
  readonly jwtAudience: string;
}

/** Steady-state requests per second and burst of the whole stage (API Gateway account limits are higher). */
const stageThrottle = { rateLimit: 200, burstLimit: 400 };

/**
 * The HTTP API (API Gateway v2) serving `/api/*` and the web pages: one `$default` stage with
 * auto-deploy, JSON access logs kept for a year, stage-wide throttling (and tighter throttling
 * of the routes whose catalogue entry sets `throttle`), and a JWT authorizer for the routes
 * whose catalogue auth is `jwt`. Routes are added from the catalogue with
 * {@link PlatformHttpApi.addRoutes}.
 */
export class PlatformHttpApi extends Construct {
  /** The API. */
  readonly api: HttpApi;
  /** The `$default` stage. */
  readonly stage: HttpStage;
  /** Base URL of the API, `https://{id}.execute-api.{region}.{domain suffix}` (no trailing slash). */
  readonly endpoint: string;
  /** The routes added so far, each with its catalogue definition. */
  readonly routes: { readonly definition: RouteDefinition; readonly route: HttpRoute }[] = [];
  private readonly authorizer: HttpJwtAuthorizer;
  /** Per-route throttling of the stage, by route key (`POST /path`). */
  private readonly routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};

  constructor(scope: Construct, id: string, props: PlatformHttpApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      description: 'Recognition platform API and pages',
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      autoDeploy: true,
      throttle: stageThrottle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });
    this.endpoint = this.api.apiEndpoint;
    this.authorizer = new HttpJwtAuthorizer('JwtAuthorizer', props.jwtIssuer, {
      jwtAudience: [props.jwtAudience],
    });
  }

  /** Adds the catalogue routes, each integrated with its function (one integration per function). */
  addRoutes(routes: readonly RouteDefinition[], functions: Readonly<Record<FunctionName, IFunction>>): void {
    const integrations = new Map<string, HttpLambdaIntegration>();
    for (const route of routes) {
      const fn = (functions as Readonly<Record<string, IFunction>>)[route.functionName];
      if (!fn) throw new Error(`Route ${route.method} ${route.path} names an unknown function "${route.functionName}".`);
      let integration = integrations.get(route.functionName);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${route.functionName}Integration`, fn);
        integrations.set(route.functionName, integration);
      }
      const added = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration,
        ...(route.auth === 'jwt' ? { authorizer: this.authorizer } : {}),
      });
      for (const httpRoute of added) this.routes.push({ definition: route, route: httpRoute });
      if (route.throttle) this.throttleRoute(`${route.method} ${route.path}`, route.throttle, added);
    }
  }

  private throttleRoute(routeKey: string, throttle: NonNullable<RouteDefinition['throttle']>, routes: readonly HttpRoute[]): void {
    this.routeSettings[routeKey] = { ThrottlingRateLimit: throttle.rateLimit, ThrottlingBurstLimit: throttle.burstLimit };
    (this.stage.node.defaultChild as CfnStage).routeSettings = this.routeSettings;
    // Route settings name routes by key: the stage must be created after them.
    for (const route of routes) this.stage.node.addDependency(route);
  }
}
