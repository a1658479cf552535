import { Stack } from 'aws-cdk-lib';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { environmentNames } from '../definitions/environment.js';
import type { MailSettings } from '../stacks/deployment-context.js';

/**
 * How functions that send mail are configured and authorised.
 *
 * - `ses` (the `aws` partition): SES v2 `SendEmail`, allowed only from the sender's address
 *   and domain identities.
 * - `smtp` (`aws-cn`, where SES is absent): the function reads the SMTP settings (JSON with
 *   host, port, username, password) from the Secrets Manager secret given as context
 *   `smtpSecretArn`; it may read that one secret and nothing else.
 */
export class MailSender extends Construct {
  /** Environment variables a mail-sending function needs. */
  readonly environment: Readonly<Record<string, string>>;
  private readonly grantTo: (grantee: IGrantable) => void;

  constructor(scope: Construct, id: string, settings: MailSettings) {
    super(scope, id);
    const common = {
      [environmentNames.mailFrom]: settings.from,
      [environmentNames.mailTransport]: settings.transport,
      [environmentNames.staffEmail]: settings.staff,
    };
    if (settings.transport === 'smtp') {
      const secret: ISecret = Secret.fromSecretCompleteArn(this, 'SmtpSecret', settings.smtpSecretArn);
      this.environment = { ...common, [environmentNames.smtpSecretArn]: settings.smtpSecretArn };
      this.grantTo = (grantee) => void secret.grantRead(grantee);
    } else {
      const domain = settings.from.slice(settings.from.indexOf('@') + 1);
      const identityArns = [domain, settings.from].map((identity) =>
        Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
      );
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
