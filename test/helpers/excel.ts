/**
 * Calls worksheet functions as Excel does: arguments as 2-D arrays (a single cell is [[v]]),
 * omitted optional arguments as null, and an Invocation that may carry parameter addresses.
 * `outcome` turns whatever happens into data a test can assert on.
 */
export type Outcome =
  | { readonly kind: "value"; readonly value: unknown[][] }
  | { readonly kind: "error"; readonly code: string; readonly message: string | undefined }
  | { readonly kind: "crash"; readonly error: unknown };

export function invocation(parameterAddresses?: string[]): CustomFunctions.Invocation {
  return { functionName: "test", ...(parameterAddresses ? { parameterAddresses } : {}) } as CustomFunctions.Invocation;
}

export function outcome(body: () => unknown): Outcome {
  try {
    return { kind: "value", value: body() as unknown[][] };
  } catch (error) {
    if (error instanceof CustomFunctions.Error) return { kind: "error", code: error.code, message: error.message };
    return { kind: "crash", error };
  }
}

/** The single value of a 1×1 result, failing loudly on anything else. */
export function single(body: () => unknown): unknown {
  const result = outcome(body);
  if (result.kind !== "value") throw new Error(`expected a value, got ${JSON.stringify(result)}`);
  if (result.value.length !== 1 || result.value[0]?.length !== 1) throw new Error(`expected 1×1, got ${JSON.stringify(result.value)}`);
  return result.value[0][0];
}

/** The table a function returns (a spill), failing loudly on an error. */
export function table(body: () => unknown): unknown[][] {
  const result = outcome(body);
  if (result.kind !== "value") throw new Error(JSON.stringify(result));
  return result.value;
}

/** A column range from a list: [[a], [b], …]. */
export function column(...values: unknown[]): unknown[][] {
  return values.map((v) => [v]);
}
