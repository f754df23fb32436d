import { Duration, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  type CfnUserPoolClient,
  FeaturePlan,
  Mfa,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** The roles of README, Calling the API, one Cognito group each. */
export const opsDeskRoles = ['requester', 'agent', 'change_manager', 'admin'] as const;

/**
 * A Cognito user pool for teams that bring no identity provider of their own: one group per
 * OpsDesk role and a public app client whose tokens the HTTP API's JWT authorizer accepts.
 *
 * @example
 * const identity = new OpsDeskIdentity(this, 'Identity');
 * new HttpJwtAuthorizer('Jwt', identity.issuer, { jwtAudience: identity.audience });
 */
export class OpsDeskIdentity extends Construct {
  public readonly userPool: UserPool;
  public readonly client: UserPoolClient;
  /** Token issuer URL of the user pool. */
  public readonly issuer: string;
  /** Accepted audiences: the app client id. */
  public readonly audience: string[];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: true,
    });
    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason:
          'MFA is optional (TOTP offered to every user) so API automation accounts and first sign-in work; ' +
          'teams that need enforced MFA pass their own identity provider through the jwt prop.',
      },
      {
        // cdk-nag 3 folded the advanced security check (COG3) into this one.
        id: 'AwsSolutions-COG8',
        reason:
          'Threat protection needs the Plus feature plan, billed per monthly active user; the Essentials plan keeps the ' +
          'default deployment free at rest. Password policy and optional TOTP MFA are configured; enable Plus per ' +
          'deployment or bring an IdP via the jwt prop.',
      },
    );

    for (const role of opsDeskRoles) {
      new UserPoolGroup(this, `Group-${role}`, {
        userPool: this.userPool,
        groupName: role,
        description: `OpsDesk role ${role}`,
      });
    }

    this.client = this.userPool.addClient('AppClient', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });

    const { region } = Stack.of(this);
    this.issuer = `https://cognito-idp.${region}.amazonaws.com/${this.userPool.userPoolId}`;
    this.audience = [this.client.userPoolClientId];
  }

  /**
   * The web console's sign-in: the hosted UI on a Cognito domain, and the authorization code flow
   * (PKCE; the client has no secret) on the same public app client, returning to the console's URL.
   * One client, so the API's audience stays the one app client id.
   * @example identity.enableHostedUi({ domainPrefix: 'opsdesk-prod', url: 'https://d1.cloudfront.net/' })
   */
  public enableHostedUi(options: { domainPrefix: string; url: string }): UserPoolDomain {
    const domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: options.domainPrefix },
    });
    const client = this.client.node.defaultChild as CfnUserPoolClient;
    client.allowedOAuthFlows = ['code'];
    client.allowedOAuthFlowsUserPoolClient = true;
    client.allowedOAuthScopes = ['openid', 'email', 'profile'];
    client.callbackUrLs = [options.url];
    client.logoutUrLs = [options.url];
    client.supportedIdentityProviders = ['COGNITO'];
    return domain;
  }
}
