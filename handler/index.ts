/** Placeholder entry: the guardrail handler lands with issue 2. */
export const handler = async (_event: unknown): Promise<void> => {};
