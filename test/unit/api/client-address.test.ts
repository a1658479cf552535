import { describe, expect, it } from 'vitest';
import { clientAddressOf } from '#functions/api/http/client-address.js';
import type { HttpEvent } from '#functions/api/http/http-api.js';

const event = (sourceIp: string, headers: Record<string, string> = {}) => ({ headers, requestContext: { http: { sourceIp } } }) as unknown as HttpEvent;

describe('the client address rate limits count by', () => {
  it('is the connection’s source address; a header cannot change it unless an edge is configured', () => {
    expect(clientAddressOf(event('203.0.113.7', { 'cloudfront-viewer-address': '198.51.100.1:4711', 'x-forwarded-for': '198.51.100.2' }), {})).toBe('203.0.113.7');
  });

  it('behind the CloudFront edge is the viewer address CloudFront forwards, without its port (IPv4 and IPv6)', () => {
    const edge = { clientAddressHeader: 'cloudfront-viewer-address', edgeOriginSecret: 's'.repeat(40) };
    const viaEdge = { 'x-cjrh-edge-secret': 's'.repeat(40) };
    expect(clientAddressOf(event('130.176.0.1', { ...viaEdge, 'cloudfront-viewer-address': '198.51.100.1:4711' }), edge)).toBe('198.51.100.1');
    expect(clientAddressOf(event('130.176.0.1', { ...viaEdge, 'cloudfront-viewer-address': '2001:db8::1:4711' }), edge)).toBe('2001:db8::1');
    expect(clientAddressOf(event('130.176.0.1', viaEdge), edge)).toBe('130.176.0.1');
  });

  it('is the connection’s own address for a caller going around the edge, whatever address header it sends', () => {
    const edge = { clientAddressHeader: 'cloudfront-viewer-address', edgeOriginSecret: 's'.repeat(40) };
    expect(clientAddressOf(event('203.0.113.9', { 'cloudfront-viewer-address': '198.51.100.1:4711' }), edge)).toBe('203.0.113.9');
    expect(clientAddressOf(event('203.0.113.9', { 'x-cjrh-edge-secret': 'guess', 'cloudfront-viewer-address': '198.51.100.1:4711' }), edge)).toBe('203.0.113.9');
  });
});
