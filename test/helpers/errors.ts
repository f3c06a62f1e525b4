import { CxError } from "../../src/core/errors";

/** The CxError a core call throws; fails the test if it returns instead or throws anything else. */
export function errorOf(body: () => unknown): CxError {
  try {
    body();
  } catch (error) {
    if (error instanceof CxError) return error;
    throw error;
  }
  throw new Error("expected a CxError, got a value");
}
