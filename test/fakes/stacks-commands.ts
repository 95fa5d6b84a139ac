/**
 * The stack API of StacksFake, each call failing the way CloudFormation documents it. Pages:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html ,
 * …/API_UpdateStack.html , …/API_DeleteStack.html , …/API_DescribeStacks.html , …/API_GetTemplate.html ,
 * …/API_DescribeStackEvents.html ; the messages are the ones the service answers (quoted in public
 * issues, e.g. aws/aws-cli#3569 for DeleteStack, awsdocs/aws-codepipeline-user-guide#5 for ROLLBACK_COMPLETE).
 * - CreateStack: AlreadyExistsException "Stack [X] already exists" while a stack of that name exists
 *   (a ROLLBACK_COMPLETE one too: only deleting it frees the name); TemplateBody ≤ 51,200 bytes; every
 *   parameter declared and the required ones given; InsufficientCapabilitiesException "Requires
 *   capabilities : [CAPABILITY_IAM]" for IAM resources; at most 50 tags.
 * - UpdateStack: ValidationError "Stack [X] does not exist"; only from CREATE_COMPLETE,
 *   UPDATE_COMPLETE, UPDATE_ROLLBACK_COMPLETE, IMPORT_COMPLETE or IMPORT_ROLLBACK_COMPLETE, else
 *   "Stack:<id> is in <STATUS> state and can not be updated." (so ROLLBACK_COMPLETE, a failed create,
 *   can only be deleted); "No updates are to be performed." when template, values and tags are all
 *   unchanged; Tags omitted keep the stack's, given ones replace them all; a parameter not given takes
 *   its default unless UsePreviousValue.
 * - DeleteStack: a stack that does not exist (or was deleted) is not an error (HTTP 200); while
 *   DELETE_IN_PROGRESS nothing more happens; DELETE_FAILED may be deleted again.
 * - DescribeStacks: by name only live stacks, by stack id deleted ones too; otherwise ValidationError
 *   "Stack with id X does not exist". GetTemplate: the template as submitted, same lookup.
 * - DescribeStackEvents: "in reverse chronological order", paged (100 a page here; AWS gives no size).
 * - ClientRequestToken (1-128, `[a-zA-Z0-9][-a-zA-Z0-9]*`): "Specify this token if you plan to retry
 *   requests so that CloudFormation knows that you're not attempting to create a stack with the same
 *   name": the token of the stack's running or last operation of that kind is a retry (success,
 *   nothing new); one that started another kind of operation is TokenAlreadyExistsException.
 * Not modelled (a loud error): deleting a stack while another operation runs on it.
 */
import { AlreadyExistsException, TokenAlreadyExistsException } from '@aws-sdk/client-cloudformation';
import { cfnValidationError, sdkError } from './aws-errors';
import { isPageError } from './paging';
import type { FakeStack, StackAction, StacksFake, StackSnapshot } from './stacks-fake';
import type { WireParameter } from './stacksets-model';
import { readTemplateParameters } from './stacksets-model';
import { checkCapabilities, MAX_TEMPLATE_BODY_BYTES, requireString, resolveStackSetParameters } from './stacksets-support';

type Input = Record<string, unknown>;
type Handler = (fake: StacksFake, input: Input) => object;

const UPDATABLE = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'IMPORT_COMPLETE', 'IMPORT_ROLLBACK_COMPLETE']);
const TOKEN = /^[a-zA-Z0-9][-a-zA-Z0-9]{0,127}$/;

function lookup(fake: StacksFake, input: Input, missing: (name: string) => string): FakeStack {
  const name = requireString(input, 'StackName');
  const stack = fake.find(name);
  if (stack === undefined) throw cfnValidationError(missing(name));
  return stack;
}

/** The token of a mutating call; true when it already started this operation on the stack (a retry). */
function isRetry(stack: FakeStack | undefined, input: Input, action: StackAction): boolean {
  const token = input.ClientRequestToken;
  if (token === undefined) return false;
  if (typeof token !== 'string' || !TOKEN.test(token)) {
    throw cfnValidationError("1 validation error detected: Value at 'clientRequestToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9][-a-zA-Z0-9]*");
  }
  const used = stack?.tokens.get(token);
  if (used === undefined) return false;
  if (used !== action) throw sdkError(TokenAlreadyExistsException, 400, `ClientRequestToken ${token} already exists`);
  return true;
}

/** Template, values and tags of a Create/UpdateStack request, checked as CloudFormation does. */
function readDefinition(input: Input, previous: StackSnapshot | undefined): StackSnapshot & { capabilities: string[] } {
  const body = input.TemplateBody;
  if (typeof body !== 'string' || body === '') throw cfnValidationError('Either Template URL or Template Body must be specified.');
  if (Buffer.byteLength(body, 'utf8') > MAX_TEMPLATE_BODY_BYTES) {
    throw cfnValidationError(`1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TEMPLATE_BODY_BYTES}`);
  }
  const declared = readTemplateParameters(body);
  if (declared === undefined) throw cfnValidationError('Template format error: not a JSON or YAML template');
  const capabilities = Array.isArray(input.Capabilities) ? input.Capabilities.map(String) : [];
  checkCapabilities(body, capabilities);
  const given = (input.Parameters as WireParameter[] | undefined) ?? [];
  const parameters = resolveStackSetParameters(declared, given, previous?.parameters ?? new Map());
  // A stack holds every parameter: DescribeStacks lists the defaults it took as well.
  for (const p of declared) if (!parameters.has(p.key) && p.defaultValue !== undefined) parameters.set(p.key, p.defaultValue);
  const wireTags = input.Tags as Array<{ Key?: string; Value?: string }> | undefined;
  if ((wireTags?.length ?? 0) > 50) throw cfnValidationError('1 validation error detected: Value at \'tags\' failed to satisfy constraint: Member must have length less than or equal to 50');
  const tags = wireTags === undefined ? (previous?.tags ?? []) : wireTags.map((t) => ({ Key: t.Key ?? '', Value: t.Value ?? '' }));
  return { templateBody: body, parameters, tags, capabilities };
}

function sameTags(a: readonly { Key: string; Value: string }[], b: readonly { Key: string; Value: string }[]): boolean {
  const text = (tags: readonly { Key: string; Value: string }[]): string => JSON.stringify([...tags].sort((x, y) => x.Key.localeCompare(y.Key)));
  return text(a) === text(b);
}

const createStack: Handler = (fake, input) => {
  const name = requireString(input, 'StackName');
  const existing = fake.find(name);
  if (isRetry(existing, input, 'CREATE')) return { StackId: existing?.stackId };
  if (existing !== undefined) throw sdkError(AlreadyExistsException, 400, `Stack [${name}] already exists`);
  const definition = readDefinition(input, undefined);
  const stack = fake.newStack(name, definition);
  stack.capabilities = definition.capabilities;
  fake.start(stack, 'CREATE', input.ClientRequestToken as string | undefined);
  return { StackId: stack.stackId };
};

const updateStack: Handler = (fake, input) => {
  const stack = lookup(fake, input, (name) => `Stack [${name}] does not exist`);
  if (isRetry(stack, input, 'UPDATE')) return { StackId: stack.stackId };
  if (!UPDATABLE.has(stack.status)) throw cfnValidationError(`Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`);
  const next = readDefinition(input, stack);
  const sameValues = JSON.stringify([...next.parameters].sort()) === JSON.stringify([...stack.parameters].sort());
  if (next.templateBody === stack.templateBody && sameValues && sameTags(next.tags, stack.tags)) throw cfnValidationError('No updates are to be performed.');
  const previous: StackSnapshot = { templateBody: stack.templateBody, parameters: stack.parameters, tags: stack.tags };
  Object.assign(stack, { templateBody: next.templateBody, parameters: next.parameters, tags: next.tags, capabilities: next.capabilities });
  fake.start(stack, 'UPDATE', input.ClientRequestToken as string | undefined, previous);
  return { StackId: stack.stackId };
};

const deleteStack: Handler = (fake, input) => {
  const stack = fake.find(requireString(input, 'StackName'));
  if (stack === undefined || stack.status === 'DELETE_COMPLETE' || stack.status === 'DELETE_IN_PROGRESS' || isRetry(stack, input, 'DELETE')) return {};
  if (stack.running !== undefined) throw new Error(`StacksFake: DeleteStack of a stack in ${stack.status} is not modelled`);
  fake.start(stack, 'DELETE', input.ClientRequestToken as string | undefined);
  return {};
};

const describeStacks: Handler = (fake, input) => {
  const stacks = input.StackName === undefined ? fake.all.filter((s) => s.status !== 'DELETE_COMPLETE') : [lookup(fake, input, (name) => `Stack with id ${name} does not exist`)];
  return {
    Stacks: stacks.map((s) => ({
      StackId: s.stackId,
      StackName: s.name,
      StackStatus: s.status,
      StackStatusReason: s.statusReason,
      CreationTime: s.creationTime,
      LastUpdatedTime: s.lastUpdatedTime,
      Capabilities: s.capabilities,
      Parameters: [...s.parameters].map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
      Tags: s.tags,
    })),
  };
};

const getTemplate: Handler = (fake, input) => {
  const stack = lookup(fake, input, (name) => `Stack with id ${name} does not exist`);
  return { TemplateBody: stack.templateBody, StagesAvailable: ['Original', 'Processed'] };
};

const describeStackEvents: Handler = (fake, input) => {
  const stack = lookup(fake, input, (name) => `Stack [${name}] does not exist`);
  const nextToken = input.NextToken as string | undefined;
  const page = fake.paginator.page(() => [...stack.events].reverse(), { listing: `events:${stack.stackId}`, maxResults: undefined, nextToken, defaultMaxResults: 100, maxMaxResults: 100 });
  if (isPageError(page)) throw cfnValidationError('Invalid NextToken');
  return {
    StackEvents: page.items.map((e) => ({
      StackId: stack.stackId,
      StackName: stack.name,
      EventId: e.eventId,
      LogicalResourceId: e.logicalId,
      ResourceType: e.resourceType,
      ResourceStatus: e.status,
      ResourceStatusReason: e.reason,
      ClientRequestToken: e.token,
      Timestamp: e.timestamp,
    })),
    NextToken: page.nextToken,
  };
};

export const STACKS_HANDLERS: Readonly<Record<string, Handler>> = {
  CreateStack: createStack,
  UpdateStack: updateStack,
  DeleteStack: deleteStack,
  DescribeStacks: describeStacks,
  GetTemplate: getTemplate,
  DescribeStackEvents: describeStackEvents,
};
