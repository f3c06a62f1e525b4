/** A customer id as it comes from a cell: text or a number. */
export type CustomerId = string | number;

export interface CustomerGroups {
  /** For each transaction, the index of its customer in `labels`. */
  readonly groupOf: Int32Array;
  /** Each customer's id as first seen, in order of first appearance. */
  readonly labels: readonly CustomerId[];
}

/**
 * Groups transactions by customer id. Ids match the way a spreadsheet user expects: surrounding
 * spaces and letter case do not matter ("C-001 " is "c-001"), and the number 1001 is the text
 * "1001" (ids typed as text and as numbers in the same column are one customer). This is also how
 * COUNTIF matches, which keeps the add-in's counts equal to a portable sheet's.
 *
 * @example groupCustomers(["a", "B", " A", 7, "7"]).labels // ["a", "B", 7]
 */
export function groupCustomers(ids: ArrayLike<CustomerId>): CustomerGroups {
  const numeric = new Map<number, number>();
  const textual = new Map<string, number>();
  const labels: CustomerId[] = [];
  const groupOf = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as CustomerId;
    let key: number | string = id;
    if (typeof id === "string") {
      const trimmed = id.trim();
      const asNumber = trimmed === "" ? NaN : Number(trimmed);
      key = Number.isFinite(asNumber) && String(asNumber) === trimmed ? asNumber : trimmed.toLowerCase();
    }
    const map = typeof key === "number" ? numeric : textual;
    let group = (map as Map<number | string, number>).get(key);
    if (group === undefined) {
      group = labels.length;
      (map as Map<number | string, number>).set(key, group);
      labels.push(id);
    }
    groupOf[i] = group;
  }
  return { groupOf, labels };
}
