/**
 * The Service Catalog portfolio: the standalone template as a product (loaded from the S3 URL the
 * user uploaded it to), optionally shared with one IAM principal and launched through a local
 * launch role, so end users need no IAM rights of their own.
 */
import { Fn, ServiceCatalog, StringParameter } from './cloudform';
import type { GuardrailTemplate } from './compose';
import { composeTemplate } from './compose';
import { isSetParameter } from './intrinsics';
import { CONDITION, LOGICAL_ID, OUTPUT, PORTFOLIO_PARAMETER as P } from './logical-ids';

export const PORTFOLIO_PURPOSE =
  'Service Catalog portfolio: the standalone guardrail template as a product.';

export interface PortfolioTemplateProps {
  /** The tool's version, used as the provisioning artifact (product version) name. */
  readonly version: string;
}

export function buildPortfolioTemplate(props: PortfolioTemplateProps): GuardrailTemplate {
  const portfolioId = Fn.Ref(LOGICAL_ID.portfolio);
  const productId = Fn.Ref(LOGICAL_ID.product);
  return composeTemplate({
    purpose: PORTFOLIO_PURPOSE,
    metadata: {
      'AWS::CloudFormation::Interface': {
        ParameterGroups: [
          { Label: { default: 'Product' }, Parameters: [P.templateUrl, P.portfolioName, P.providerName] },
          { Label: { default: 'Access' }, Parameters: [P.principalArn, P.launchRoleName] },
        ],
      },
    },
    fragments: [
      {
        Parameters: {
          [P.templateUrl]: new StringParameter({
            Description: 'HTTPS URL of dist/templates/standalone.yaml uploaded to S3.',
            AllowedPattern: '^https://\\S+$',
            ConstraintDescription:
              'type an https:// URL such as https://my-bucket.s3.eu-west-1.amazonaws.com/sg-guardrail/standalone.yaml.',
          }),
          [P.portfolioName]: new StringParameter({
            Description: 'Portfolio display name.',
            Default: 'sg-guardrail',
            AllowedPattern: '^.{1,100}$',
            ConstraintDescription: 'type 1-100 characters.',
          }),
          [P.providerName]: new StringParameter({
            Description: 'Team that provides the portfolio and owns the product.',
            Default: 'Cloud platform team',
            AllowedPattern: '^.{1,50}$',
            ConstraintDescription: 'type 1-50 characters.',
          }),
          [P.principalArn]: new StringParameter({
            Description:
              'Optional: IAM role, user or group of this account allowed to launch the product (other accounts get it through a portfolio share). Empty grants nobody.',
            Default: '',
            AllowedPattern: '^$|^arn:aws[a-z-]*:iam::[0-9]{12}:(role|user|group)/\\S+$',
            ConstraintDescription: 'type an IAM ARN such as arn:aws:iam::111122223333:role/SecurityTeam, or leave empty.',
          }),
          [P.launchRoleName]: new StringParameter({
            Description:
              'Optional: name of an IAM role (in each launching account) Service Catalog assumes to launch the product. Empty launches with the user\'s own permissions.',
            Default: '',
            AllowedPattern: '^$|^[A-Za-z0-9+=,.@_-]{1,64}$',
            ConstraintDescription: 'type an IAM role name (1-64 letters, digits, +=,.@_-), or leave empty.',
          }),
        },
        Conditions: {
          [CONDITION.hasPrincipal]: isSetParameter(P.principalArn),
          [CONDITION.hasLaunchRole]: isSetParameter(P.launchRoleName),
        },
        Resources: {
          [LOGICAL_ID.portfolio]: new ServiceCatalog.Portfolio({
            DisplayName: Fn.Ref(P.portfolioName),
            ProviderName: Fn.Ref(P.providerName),
            Description: 'Guardrails for EC2 security-group ingress (sg-guardrail).',
          }),
          [LOGICAL_ID.product]: new ServiceCatalog.CloudFormationProduct({
            Name: 'sg-guardrail',
            Owner: Fn.Ref(P.providerName),
            Description:
              'AWS Config custom rule and Lambda that keep security-group ingress inside the allowed set, reverting drift in enforce mode.',
            ProvisioningArtifactParameters: [
              {
                Name: props.version,
                Description: `sg-guardrail ${props.version} standalone template`,
                Type: 'CLOUD_FORMATION_TEMPLATE',
                Info: { LoadTemplateFromURL: Fn.Ref(P.templateUrl) },
              },
            ],
          }),
          [LOGICAL_ID.productAssociation]: new ServiceCatalog.PortfolioProductAssociation({
            PortfolioId: portfolioId,
            ProductId: productId,
          }),
          [LOGICAL_ID.principalAssociation]: new ServiceCatalog.PortfolioPrincipalAssociation({
            PortfolioId: portfolioId,
            PrincipalARN: Fn.Ref(P.principalArn),
            PrincipalType: 'IAM',
          }).condition(CONDITION.hasPrincipal),
          // A constraint needs the product in the portfolio first ("Resource not found" otherwise).
          [LOGICAL_ID.launchRoleConstraint]: new ServiceCatalog.LaunchRoleConstraint({
            PortfolioId: portfolioId,
            ProductId: productId,
            LocalRoleName: Fn.Ref(P.launchRoleName),
            Description: 'Launch sg-guardrail with the local launch role',
          })
            .condition(CONDITION.hasLaunchRole)
            .dependsOn([LOGICAL_ID.productAssociation]),
        },
        Outputs: {
          [OUTPUT.portfolioId]: { Description: 'Service Catalog portfolio ID', Value: portfolioId },
          [OUTPUT.productId]: { Description: 'Service Catalog product ID', Value: productId },
        },
      },
    ],
  });
}
