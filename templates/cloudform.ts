/**
 * The cloudform types the templates use, each from its own module of cloudform-types (the package
 * `cloudform` re-exports). `import { IAM } from 'cloudform'` loads all 1,626 type modules, about
 * 0.7 s and 40 MB of every build, CLI start and test file, to use these 16 classes; the output is
 * the same, byte for byte. The namespaces keep cloudform's spelling (`new IAM.Role(…)`). A template
 * needing another resource adds its module here.
 */
import ConfigRule from 'cloudform-types/types/config/configRule';
import ConfigurationAggregator from 'cloudform-types/types/config/configurationAggregator';
import ConfigurationRecorder from 'cloudform-types/types/config/configurationRecorder';
import DeliveryChannel from 'cloudform-types/types/config/deliveryChannel';
import Policy from 'cloudform-types/types/iam/policy';
import Role from 'cloudform-types/types/iam/role';
import LambdaFunction from 'cloudform-types/types/lambda/function';
import Permission from 'cloudform-types/types/lambda/permission';
import LogGroup from 'cloudform-types/types/logs/logGroup';
import Bucket from 'cloudform-types/types/s3/bucket';
import BucketPolicy from 'cloudform-types/types/s3/bucketPolicy';
import CloudFormationProduct from 'cloudform-types/types/serviceCatalog/cloudFormationProduct';
import LaunchRoleConstraint from 'cloudform-types/types/serviceCatalog/launchRoleConstraint';
import Portfolio from 'cloudform-types/types/serviceCatalog/portfolio';
import PortfolioPrincipalAssociation from 'cloudform-types/types/serviceCatalog/portfolioPrincipalAssociation';
import PortfolioProductAssociation from 'cloudform-types/types/serviceCatalog/portfolioProductAssociation';

export * as Fn from 'cloudform-types/types/functions';
export * as Refs from 'cloudform-types/types/refs';
export { IntrinsicFunction } from 'cloudform-types/types/dataTypes';
export type { Condition } from 'cloudform-types/types/dataTypes';
export { NumberParameter, StringParameter } from 'cloudform-types/types/parameter';
export { DeletionPolicy, ResourceBase } from 'cloudform-types/types/resource';
export type { default as Template } from 'cloudform-types/types/template';

export const Config = { ConfigRule, ConfigurationAggregator, ConfigurationRecorder, DeliveryChannel } as const;
export const IAM = { Policy, Role } as const;
export const Lambda = { Function: LambdaFunction, Permission } as const;
export const Logs = { LogGroup } as const;
export const S3 = { Bucket, BucketPolicy } as const;
export const ServiceCatalog = { CloudFormationProduct, LaunchRoleConstraint, Portfolio, PortfolioPrincipalAssociation, PortfolioProductAssociation } as const;
