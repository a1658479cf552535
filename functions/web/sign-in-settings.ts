/**
 * How the web pages sign people in: the local runtime's dev issuer, the deployment's OIDC
 * issuer (authorization code + PKCE), or none configured (the sign-in page says so). Read by
 * the composition root, passed to the sign-in page's script as its page data.
 */
export type SignInSettings =
  | { readonly kind: 'dev' }
  | { readonly kind: 'oidc'; readonly issuer: string; readonly clientId: string }
  | { readonly kind: 'unconfigured' };
