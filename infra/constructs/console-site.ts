import {
  AssetHashType,
  type CfnElement,
  CfnOutput,
  type CfnResource,
  DockerImage,
  Duration,
  RemovalPolicy,
  Stack,
  Validations,
} from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  SSLMethod,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import {
  buildConsoleSync,
  consoleBuildHousekeeping,
  consoleSourceDir,
  consoleSourceHash,
} from '../tools/console-build.ts';

/** The console's `config.json` sign-in settings (console/src/config.ts reads them). */
export interface ConsoleSignIn {
  /** The OIDC issuer: the Cognito user pool URL or the configured issuer. */
  authority: string;
  clientId: string;
  scope?: string;
  /** Cognito's hosted UI logout endpoint (its discovery document has no end_session). */
  logoutEndpoint?: string;
  groupsClaim?: string;
}

/** The console's own host name and the ACM certificate (in us-east-1, as CloudFront requires) for it. */
export interface ConsoleDomain {
  readonly name: string;
  readonly certificateArn: string;
}

export interface ConsoleSiteProps {
  /** Origins the console may call besides its own: the API and the sign-in endpoints. */
  readonly connectOrigins: string[];
  /**
   * Serve the console on this host name. Only then can the distribution require TLS 1.2
   * (TLSv1.2_2021): on its default *.cloudfront.net name CloudFront fixes the policy at TLSv1.
   * @default - the distribution's *.cloudfront.net name
   */
  readonly domain?: ConsoleDomain;
}

/** The viewer TLS policy of a console on its own domain. */
export const consoleTlsPolicy = SecurityPolicyProtocol.TLS_V1_2_2021;

/**
 * The web console, deployed: a private, encrypted S3 bucket that only CloudFront reads (origin
 * access control), a distribution with security headers (CSP, HSTS, frame denial, nosniff, no
 * referrer), and the build plus a `config.json` naming the API and the sign-in settings. The
 * build runs at synthesis (esbuild, no Docker), like the functions' bundles.
 *
 * @example
 * const site = new ConsoleSite(this, 'Console', { connectOrigins: [apiOrigin] });
 * site.deploy({ apiUrl, signIn: { authority, clientId } });
 */
export class ConsoleSite extends Construct {
  public readonly bucket: Bucket;
  public readonly distribution: Distribution;
  /** `https://<console host>/`, the sign-in callback and logout URL. */
  public readonly url: string;
  /** `https://<console host>`, for the API's CORS policy: the domain prop's name, else the distribution's. */
  public readonly origin: string;

  constructor(scope: Construct, id: string, props: ConsoleSiteProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      // The bucket holds only the build, which every deployment writes again.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The bucket holds only the public build of the console, read through CloudFront alone; every deployment rewrites it. ' +
        'Requests are visible in CloudTrail data events where a team enables them.',
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'OpsDesk console security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          override: true,
          contentSecurityPolicy: [
            "default-src 'self'",
            "script-src 'self'",
            // uPlot and cytoscape size their canvases through style attributes.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            `connect-src 'self' ${props.connectOrigins.join(' ')}`,
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "object-src 'none'",
          ].join('; '),
        },
        strictTransportSecurity: {
          override: true,
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          preload: false,
        },
        frameOptions: { override: true, frameOption: HeadersFrameOption.DENY },
        contentTypeOptions: { override: true },
        referrerPolicy: { override: true, referrerPolicy: HeadersReferrerPolicy.NO_REFERRER },
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'OpsDesk web console',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        responseHeadersPolicy: headers,
        compress: true,
      },
      priceClass: PriceClass.PRICE_CLASS_100,
      ...(props.domain
        ? {
            domainNames: [props.domain.name],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: consoleTlsPolicy,
            sslSupportMethod: SSLMethod.SNI,
          }
        : {}),
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'The console serves the team wherever it works; the API it calls checks every token.',
      },
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'The distribution serves only static files; a web ACL costs money at rest, which OpsDesk avoids by default. ' +
          'The API behind it has its own stage throttling and a JWT authorizer.',
      },
      {
        id: 'AwsSolutions-CFR3',
        reason:
          'Standard logging needs an ACL-enabled log bucket; the console is static and holds no data. ' +
          'The API it calls writes access logs for every request.',
      },
    );
    if (!props.domain)
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'The default *.cloudfront.net certificate fixes the viewer security policy at TLSv1 (CloudFront ignores a ' +
          'minimum protocol version without a custom certificate); the console.domain prop (a host name and its ' +
          'certificate) makes the distribution require TLSv1.2_2021.',
      });
    this.origin = `https://${props.domain?.name ?? this.distribution.distributionDomainName}`;
    this.url = `${this.origin}/`;
    new CfnOutput(this, 'Url', { value: this.url, description: 'OpsDesk web console' });
    if (props.domain)
      new CfnOutput(this, 'DistributionDomainName', {
        value: this.distribution.distributionDomainName,
        description: `Point ${props.domain.name} (CNAME or alias) at this CloudFront name`,
      });
  }

  /** Puts the build and `config.json` into the bucket and invalidates the distribution's cache. */
  public deploy(config: { apiUrl: string; signIn: ConsoleSignIn }): BucketDeployment {
    const deployment = new BucketDeployment(this, 'Deployment', {
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
      sources: [
        Source.asset(consoleSourceDir, {
          // The build depends on the sources and on the locked library versions.
          assetHashType: AssetHashType.CUSTOM,
          assetHash: consoleSourceHash(),
          bundling: {
            // Never used: the local build below always succeeds where the CDK app runs (Node + esbuild).
            image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22-slim'),
            local: {
              tryBundle: (outputDir: string) => {
                buildConsoleSync(outputDir);
                return true;
              },
            },
          },
        }),
        Source.jsonData('config.json', {
          apiUrl: config.apiUrl,
          signIn: {
            mode: 'oidc',
            ...config.signIn,
            redirectUri: this.url,
            logoutUri: this.url,
          },
        }),
      ],
      exclude: consoleBuildHousekeeping,
      cacheControl: [CacheControl.fromString('no-cache')],
      memoryLimit: 256,
    });
    // The CDK's own deployment function (one per stack and memory size), run only at deploy time.
    const handler = deployment.handlerRole.node.scope;
    const stack = Stack.of(this);
    const bucketId = stack.resolve((this.bucket.node.defaultChild as CfnElement).logicalId) as string;
    const copies =
      'The CDK BucketDeployment handler copies the staged build from the CDK assets bucket into the console bucket ' +
      'and invalidates the distribution; the CDK writes this policy (its S3 grants use wildcard actions, and it grants ' +
      'cloudfront:CreateInvalidation and GetInvalidation on every distribution, with no prop to narrow either), ' +
      'the buckets hold only the public console build and deployment assets, and the function runs only while deploying.';
    // cfn-lint's W3005 (a DependsOn the Role's GetAtt already implies) on the CDK's handler, as in lambda-function.ts.
    (handler?.node.defaultChild as CfnResource | undefined)?.addMetadata('cfn-lint', {
      config: { ignore_checks: ['W3005'] },
    });
    if (handler)
      Validations.of(handler).acknowledge(
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
          reason:
            'The CDK BucketDeployment handler logs through AWSLambdaBasicExecutionRole; it runs only while deploying.',
        },
        ...[
          'Action::s3:GetObject*',
          'Action::s3:GetBucket*',
          'Action::s3:List*',
          'Action::s3:DeleteObject*',
          'Action::s3:Abort*',
          `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${stack.account}-${stack.region}/*`,
          `Resource::<${bucketId}.Arn>/*`,
          'Resource::*',
        ].map((finding) => ({ id: `AwsSolutions-IAM5[${finding}]`, reason: copies })),
        {
          id: 'AwsSolutions-L1',
          reason: 'The CDK chooses the BucketDeployment handler runtime; it runs only while deploying.',
        },
        {
          id: 'Serverless-LambdaLatestVersion',
          reason: 'The CDK chooses the BucketDeployment handler runtime; it runs only while deploying.',
        },
        {
          id: 'Serverless-LambdaDLQ',
          reason:
            'CloudFormation invokes the CDK BucketDeployment handler as a custom resource and waits for its answer on the ' +
            'response URL: a failure fails the deployment and rolls it back, so no event is lost silently.',
        },
        {
          id: 'Serverless-LambdaTracing',
          reason:
            'The CDK BucketDeployment handler only copies the console build while deploying; it serves no request, ' +
            'and CloudFormation events and its log group record each run.',
        },
      );
    return deployment;
  }
}
