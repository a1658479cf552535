/**
 * Names of the environment variables the composition root reads. The CDK stack sets them
 * on each function; the local runtime sets them on its own process before loading handlers.
 */
export const environmentNames = {
  tableName: 'TABLE_NAME',
  bucketName: 'BUCKET_NAME',
  submissionStateMachineArn: 'SUBMISSION_STATE_MACHINE_ARN',
  roundStateMachineArn: 'ROUND_STATE_MACHINE_ARN',
  reviewStateMachineArn: 'REVIEW_STATE_MACHINE_ARN',
  unitStateMachineArn: 'UNIT_STATE_MACHINE_ARN',
  /** Base URL put in e-mailed links (`<base>/review/{linkId}`). */
  publicBaseUrl: 'PUBLIC_BASE_URL',
  mailFrom: 'MAIL_FROM',
  /** Comma-separated addresses of the staff told when a workflow step fails (who may retry it). */
  staffEmail: 'STAFF_EMAIL',
  /**
   * `ses` in the `aws` partition; `smtp` where SES is absent (`aws-cn`); `capture` in the local
   * runtime (mail is stored and shown at /dev/mail).
   */
  mailTransport: 'MAIL_TRANSPORT',
  /** With `smtp`: ARN of the Secrets Manager secret holding the SMTP host, port, user, password. */
  smtpSecretArn: 'SMTP_SECRET_ARN',
  province: 'PROVINCE',
  /**
   * The national (ministry) programs a deployment offers besides its province's own,
   * comma-separated ids (CDK context `programs`); unset: every national program.
   */
  nationalPrograms: 'NATIONAL_PROGRAMS',
  /**
   * Holiday arrangements the deployment supplies (JSON keyed by year, see
   * shared/domain/holiday-arrangements.ts; CDK context `holidays`): they override or extend
   * the `chinese-days` data for those years. Unset: the package's data alone.
   */
  holidayCalendar: 'HOLIDAY_CALENDAR',
  /** `true` in the local runtime only: `/signin` signs in through the dev issuer (`POST /dev/token`). */
  devSignIn: 'DEV_SIGN_IN',
  /** The OIDC issuer the web pages sign in through (authorization code + PKCE); the stack's `jwtIssuer`. */
  signInIssuer: 'SIGN_IN_ISSUER',
  /** The OIDC client id of the web pages; the stack's `jwtAudience`. */
  signInClientId: 'SIGN_IN_CLIENT_ID',
  /**
   * The origin browsers upload evidence to with the presigned POST (`https://<bucket regional
   * domain>`), allowed in the portal pages' `connect-src`; unset locally, where uploads go to the
   * runtime's own origin.
   */
  evidenceUploadOrigin: 'EVIDENCE_UPLOAD_ORIGIN',
  /**
   * Set when the API sits behind the CloudFront edge: the request header that carries the
   * client's address (`cloudfront-viewer-address`, `ip:port`), counted instead of the
   * connection's source (which is then CloudFront's).
   */
  clientAddressHeader: 'CLIENT_ADDRESS_HEADER',
  /**
   * The secret the CloudFront edge sends to the API in {@link edgeOriginSecretHeader}: the
   * client address header is trusted only on requests that carry it (a caller going straight
   * to the API endpoint cannot choose the address it is counted by).
   */
  edgeOriginSecret: 'EDGE_ORIGIN_SECRET',
  /**
   * The deployment's name (its stack name), published as the `service` dimension of the
   * operational metrics (`definitions/operational-metrics.ts`); Powertools' own variable.
   */
  metricsService: 'POWERTOOLS_SERVICE_NAME',
} as const;

/** The request header in which the CloudFront edge proves to the API that a request came through it. */
export const edgeOriginSecretHeader = 'x-cjrh-edge-secret';
