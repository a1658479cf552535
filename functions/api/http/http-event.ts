/**
 * The request types of the HTTP layer, in a module of their own so that the middlewares and
 * the route declarations both import them without importing each other.
 */
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import type { Principal } from './principal.js';

/** The payload-2.0 event API Gateway (and the local gateway) hands a function. */
export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

/** What a function answers API Gateway. */
export type HttpResult = APIGatewayProxyResultV2;

/** The request as a route's action sees it: its body parsed (JSON) or read (bytes) and validated. */
export type RouteEvent<Body = unknown> = Omit<HttpEvent, 'body'> & { readonly body: Body };

/** The Lambda context of a route's chain, with the caller its authorisation found. */
export interface RouteContext extends Context {
  principal?: Principal;
}
