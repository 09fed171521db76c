// The HTTP API and who may use it: one API function behind the routes of lambdas/api/routes.ts,
// staff routes behind a JWT authorizer for the staff's OpenID Connect issuer (the agency's own, or
// a Cognito user pool created here in the global regions), public routes each with a reason, and
// the secret that signs recipients' download links.
import { dirname, join } from 'node:path';
import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { PDF_VIEWER_FILES, PDF_VIEWER_SOURCE_DIR } from '../lambdas/api/pages/pdf-viewer.js';
import { API_ROUTES } from '../lambdas/api/routes.js';
import type { RouteId } from '../lambdas/api/routes.js';
import type { FontPackConfig } from '../lambdas/render/fonts.js';
import { afterBundling, bundlingOptions } from './bundling.js';
import type { DeployConfig } from './config.js';
import { CONSOLE_SCRIPT_ASSET, consoleScriptFile } from './console-asset.js';
import { accept, acceptRuntime, functionBasics, renderEnvironment } from './lambda-function.js';
import type { FunctionSettings } from './lambda-function.js';
import { ResourceGroup } from './resource-group.js';
import type { Storage } from './storage.js';
import { PARAMS_AND_SECRETS_VERSION, apiArchitecture } from './targets.js';
import { LAMBDA_TASK_ROOT, shellQuote, workerAssetCommands, workerAssetEnvironment } from './worker-asset.js';

/** Where the API function's asset holds pdf.js for the staff console (NOTICE_PDFJS_DIR). */
const PDF_VIEWER_ASSET_DIR = 'pdfjs';

export interface ApiAndSignInProps extends FunctionSettings {
  storage: Storage;
  /** The font pack the API's regeneration previews render with. */
  fontPack: FontPackConfig;
}

interface StaffSignIn {
  /** The OpenID Connect issuer, exactly as its tokens' iss claim. */
  issuer: string;
  /** The console's client id: the JWT audience. */
  clientId: string;
  /** Only when this stack created the pool. */
  pool?: cognito.IUserPool;
}

export class ApiAndSignIn extends ResourceGroup {
  readonly httpApi: apigw.HttpApi;
  readonly fn: NodejsFunction;
  /** Where download links and verify pages point: the configured public URL, or the API's own. */
  readonly publicBaseUrl: string;
  readonly staff: StaffSignIn;

  constructor(scope: Construct, id: string, props: ApiAndSignInProps) {
    super(scope, id);
    const { config } = props;
    // The API's URL goes into the functions and the sign-in client before the routes exist.
    this.httpApi = httpApiWithStage(this, config);
    const apiUrl = `https://${this.httpApi.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
    this.publicBaseUrl = config.publicBaseUrl?.replace(/\/+$/, '') ?? apiUrl;
    this.staff = staffSignIn(this, config, this.publicBaseUrl);

    const linkSecret = new secretsmanager.Secret(this, 'LinkSecret', {
      description: 'HMAC key that signs recipients’ download links',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    accept(
      linkSecret,
      'AwsSolutions-SMG4',
      'Rotating the link key invalidates every download link already sent to recipients; it is rotated by hand with the procedure in docs/operations.md, when a leak is suspected.',
    );

    this.fn = this.apiFunction(props, linkSecret);
    this.addRoutes();
  }

  private apiFunction(props: ApiAndSignInProps, linkSecret: secretsmanager.Secret): NodejsFunction {
    const { config, storage } = props;
    const api = new NodejsFunction(this, 'Api', {
      // The Parameters and Secrets extension is not published for arm64 everywhere (not in the China regions).
      ...functionBasics(this, 'Api', props, apiArchitecture(config.lambdaArchitecture, config.deployTarget, config.region)),
      entry: join(props.projectRoot, 'lambdas/handlers/api.ts'),
      description: 'Staff regeneration and history, recipient downloads, public verification',
      memorySize: 512,
      timeout: Duration.seconds(15),
      environment: {
        NOTICE_TABLE_NAME: storage.table.tableName,
        NOTICE_BUCKET_NAME: storage.bucket.bucketName,
        NOTICE_RENDER_QUEUE_URL: storage.renderQueue.queueUrl,
        NOTICE_PUBLIC_BASE_URL: this.publicBaseUrl,
        NOTICE_LINK_SECRET_ARN: linkSecret.secretArn,
        NOTICE_STAFF_GROUP: config.staffGroup,
        NOTICE_STAFF_GROUPS_CLAIM: config.staffGroupsClaim,
        NOTICE_OIDC_ISSUER: this.staff.issuer,
        NOTICE_OIDC_CLIENT_ID: this.staff.clientId,
        NOTICE_OIDC_SCOPES: config.oidcScopes,
        ...sendEnvironment(config),
        // The verification page names the issuer and says whether a document is a demo sample.
        ...renderEnvironment(config),
        // Regeneration previews render in this function (as 样本, without the seal image), and the
        // console's pdf.js comes from its asset.
        ...workerAssetEnvironment(LAMBDA_TASK_ROOT, false),
        NOTICE_PDFJS_DIR: `${LAMBDA_TASK_ROOT}/${PDF_VIEWER_ASSET_DIR}`,
        NOTICE_CONSOLE_SCRIPT: `${LAMBDA_TASK_ROOT}/${CONSOLE_SCRIPT_ASSET}`,
      },
      // The link secret is read through the extension's local cache, not an SDK call per request.
      paramsAndSecrets: lambda.ParamsAndSecretsLayerVersion.fromVersion(PARAMS_AND_SECRETS_VERSION as lambda.ParamsAndSecretsVersions, {
        cacheEnabled: true,
        logLevel: lambda.ParamsAndSecretsLogLevel.WARN,
      }),
      bundling: bundlingOptions({
        commandHooks: afterBundling((outputDir) => [
          ...workerAssetCommands({ projectRoot: props.projectRoot, fontPack: props.fontPack }, outputDir),
          `mkdir -p ${shellQuote(join(outputDir, PDF_VIEWER_ASSET_DIR))}`,
          ...PDF_VIEWER_FILES.map(
            (f) => `cp ${shellQuote(join(props.projectRoot, PDF_VIEWER_SOURCE_DIR, f))} ${shellQuote(join(outputDir, PDF_VIEWER_ASSET_DIR, f))}`,
          ),
          `mkdir -p ${shellQuote(join(outputDir, dirname(CONSOLE_SCRIPT_ASSET)))} && cp ${shellQuote(consoleScriptFile(props.projectRoot))} ${shellQuote(join(outputDir, CONSOLE_SCRIPT_ASSET))}`,
        ]),
      }),
    });
    acceptRuntime(api, config);
    // Case lookups (Get, BatchGet, Query, the case search's Scan), docId lookups on the index,
    // audit events and bulk-regeneration jobs (PutItem; UpdateItem only to cancel or resume a run).
    // Versions are the worker's.
    storage.grantTable(api, ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], true);
    storage.grantDocuments(api, ['s3:GetObject']);
    storage.renderQueue.grantSendMessages(api);
    linkSecret.grantRead(api);
    const sendTopics = [config.sendSmsTopicArn, config.sendEmailTopicArn, config.sendWechatTopicArn].filter((t): t is string => t !== undefined);
    if (sendTopics.length > 0) api.addToRolePolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: sendTopics }));
    return api;
  }

  /** Every route of lambdas/api/routes.ts to the API function; staff routes behind the JWT authorizer. */
  private addRoutes(): void {
    // API Gateway reads <issuer>/.well-known/openid-configuration and the key set it names; both must be reachable from the internet.
    const authorizer = new HttpJwtAuthorizer('StaffAuthorizer', this.staff.issuer, { jwtAudience: [this.staff.clientId] });
    const integration = new HttpLambdaIntegration('ApiIntegration', this.fn);
    const open = new apigw.HttpNoneAuthorizer();
    for (const route of API_ROUTES) {
      const [created] = this.httpApi.addRoutes({
        path: route.path,
        methods: [apigw.HttpMethod[route.method]],
        integration,
        authorizer: route.auth === 'staff' ? authorizer : open,
      });
      if (route.auth === 'public') accept(created!, 'AwsSolutions-APIG4', publicRouteReason(route.id));
    }
  }
}

function httpApiWithStage(scope: Construct, config: DeployConfig): apigw.HttpApi {
  const httpApi = new apigw.HttpApi(scope, 'HttpApi', {
    description: 'notice-pipeline: staff regeneration, recipient download, public verification',
    createDefaultStage: false,
  });
  const accessLogs = new logs.LogGroup(scope, 'HttpApiAccessLogs', { retention: config.logRetentionDays as logs.RetentionDays });
  new apigw.HttpStage(scope, 'HttpApiStage', {
    httpApi,
    stageName: '$default',
    autoDeploy: true,
    // Common Log Format: request id, caller IP, route, status. Paths carry case and document
    // ids, never an ID number.
    accessLogSettings: { destination: new apigw.LogGroupLogDestination(accessLogs) },
    // A ceiling against floods; far above what clerks and recipients send (docs/scale.md).
    throttle: { rateLimit: config.apiRateLimit, burstLimit: config.apiBurstLimit },
  });
  return httpApi;
}

/** The configured OpenID Connect issuer, or a Cognito user pool for staff created here. */
function staffSignIn(scope: Construct, config: DeployConfig, publicBaseUrl: string): StaffSignIn {
  if (config.oidcIssuer && config.oidcClientId) return { issuer: config.oidcIssuer, clientId: config.oidcClientId };
  // The configuration refuses a China deployment without an issuer: no user pools there.
  const pool = new cognito.UserPool(scope, 'StaffPool', {
    userPoolName: `${Stack.of(scope).stackName}-staff`,
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    passwordPolicy: {
      minLength: 12,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: Duration.days(3),
    },
    mfa: cognito.Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
    featurePlan: cognito.FeaturePlan.ESSENTIALS,
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  accept(
    pool,
    'AwsSolutions-COG8',
    'The Plus plan adds threat protection billed per active user; staff accounts are few, created by an administrator (no self sign-up) and must use TOTP MFA.',
  );
  new cognito.UserPoolGroup(scope, 'StaffGroup', { userPool: pool, groupName: config.staffGroup, description: 'May list, regenerate and download documents' });
  // The sign-in pages; the pool's discovery document names them as its authorization endpoint.
  pool.addDomain('StaffSignIn', {
    cognitoDomain: { domainPrefix: config.cognitoDomainPrefix ?? `notice-${Aws.ACCOUNT_ID}` },
    managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
  });
  // The console page is /staff (lambdas/api/routes.ts); Cognito sends staff back there.
  const callbacks = [`${publicBaseUrl}/staff`];
  const client = pool.addClient('StaffConsoleClient', {
    generateSecret: false,
    preventUserExistenceErrors: true,
    authFlows: { userSrp: true },
    oAuth: {
      flows: { authorizationCodeGrant: true },
      scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
      callbackUrls: callbacks,
      logoutUrls: callbacks,
    },
    accessTokenValidity: Duration.hours(1),
    idTokenValidity: Duration.hours(1),
    refreshTokenValidity: Duration.hours(12),
  });
  return { issuer: `https://${pool.userPoolProviderUrl}`, clientId: client.userPoolClientId, pool };
}

/** Why each public route needs no sign-in. A new public route fails the synth until it has a reason here. */
const PUBLIC_ROUTE_REASONS: Partial<Record<RouteId, string>> = {
  staffConsole:
    'The staff console page is static HTML that sends staff to their OpenID Connect sign-in; every route it calls afterwards is behind the JWT authorizer.',
  recipientDownload: 'Recipients have no account: they hold a download link whose HMAC signature and expiry the handler checks.',
  recipientFile: 'The landing page’s download button: the same signed, expiring grant as the recipient link, checked by the handler.',
  verifyPage: 'Anyone holding a printed document scans its QR code to learn whether it is genuine and current; that is the point of the code.',
  verifyBytes: 'Anyone holding a PDF may ask whether its bytes are a genuine, current version; the answer reveals nothing the PDF does not hold.',
  staffPdfViewer: 'The open-source pdf.js library the console page loads (a script tag cannot send a token); two fixed files, no data.',
};

function publicRouteReason(id: RouteId): string {
  const reason = PUBLIC_ROUTE_REASONS[id];
  if (!reason)
    throw new Error(
      `route ${id} is public (lambdas/api/routes.ts) but cdk/api-and-sign-in.ts gives no reason why it needs no sign-in; add one to PUBLIC_ROUTE_REASONS or make the route staff-only`,
    );
  return reason;
}

/** The API's recipient-notification settings (lambdas/notify/recipient-notifier.ts), from the deploy configuration. */
function sendEnvironment(config: DeployConfig): Record<string, string> {
  return {
    ...(config.sendSmsTopicArn ? { NOTICE_SEND_SMS_TOPIC_ARN: config.sendSmsTopicArn } : {}),
    ...(config.sendEmailTopicArn ? { NOTICE_SEND_EMAIL_TOPIC_ARN: config.sendEmailTopicArn } : {}),
    ...(config.sendWechatTopicArn ? { NOTICE_SEND_WECHAT_TOPIC_ARN: config.sendWechatTopicArn } : {}),
    ...(config.sendWebhookUrl ? { NOTICE_SEND_WEBHOOK_URL: config.sendWebhookUrl } : {}),
  };
}
