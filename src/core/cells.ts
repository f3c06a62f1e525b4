/** A blank cell or an omitted argument, as Excel hands them to an add-in (null, undefined or ""). */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || value === "";
}
