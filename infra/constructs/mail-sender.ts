import { Stack } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { environmentNames } from '../definitions/environment.js';
import type { MailSettings } from '../stacks/deployment-context.js';

/**
 * The settings a created SMTP secret starts with: the parser of the functions
 * (`shared/adapters/mail/smtp-settings.ts`) refuses the empty host, so until the operator
 * writes the relay's settings the first send fails with a message that says what is missing.
 */
const smtpSecretTemplate = { host: '', port: 465, username: '' };

/**
 * How functions that send mail are configured and authorised.
 *
 * - `ses` (the `aws` partition): SES v2 `SendEmail`, allowed only from the sender's address
 *   and domain identities.
 * - `smtp` (`aws-cn`, where SES is absent): the function reads the SMTP settings (JSON with
 *   host, port, username, password) from a Secrets Manager secret, the one given as context
 *   `smtpSecretArn` or else one created here ({@link smtpSecretTemplate}, password generated)
 *   whose value the operator replaces; it may read that one secret's value and nothing else.
 */
export class MailSender extends Construct {
  /** Environment variables a mail-sending function needs. */
  readonly environment: Readonly<Record<string, string>>;
  /** With `smtp`: the secret holding the relay's settings (imported or created). */
  readonly smtpSecret: ISecret | undefined;
  private readonly grantTo: (grantee: IGrantable) => void;

  constructor(scope: Construct, id: string, settings: MailSettings) {
    super(scope, id);
    const common = {
      [environmentNames.mailFrom]: settings.from,
      [environmentNames.mailTransport]: settings.transport,
      [environmentNames.staffEmail]: settings.staff,
    };
    if (settings.transport === 'smtp') {
      const secret: ISecret = settings.smtpSecretArn
        ? Secret.fromSecretCompleteArn(this, 'SmtpSecret', settings.smtpSecretArn)
        : new Secret(this, 'SmtpSecret', {
            description: 'SMTP relay of the platform mail: replace with {"host","port","username","password"} (optional "tls": false on a private network)',
            generateSecretString: { secretStringTemplate: JSON.stringify(smtpSecretTemplate), generateStringKey: 'password', excludePunctuation: true },
          });
      this.smtpSecret = secret;
      this.environment = { ...common, [environmentNames.smtpSecretArn]: secret.secretArn };
      // GetSecretValue alone: the adapter reads the value and nothing else (grantRead would add DescribeSecret).
      this.grantTo = (grantee) =>
        void grantee.grantPrincipal.addToPrincipalPolicy(
          new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }),
        );
    } else {
      const domain = settings.from.slice(settings.from.indexOf('@') + 1);
      const identityArns = [domain, settings.from].map((identity) =>
        Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
      );
      this.smtpSecret = undefined;
      this.environment = common;
      this.grantTo = (grantee) =>
        void grantee.grantPrincipal.addToPrincipalPolicy(
          new PolicyStatement({ actions: ['ses:SendEmail'], resources: identityArns }),
        );
    }
  }

  /** Allows the grantee to send mail through the configured transport. */
  grantSend(grantee: IGrantable): void {
    this.grantTo(grantee);
  }
}
