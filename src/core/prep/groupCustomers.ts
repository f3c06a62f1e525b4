/** A customer id as it comes from a cell: text or a number. */
export type CustomerId = string | number;

export interface CustomerGroups {
  /** For each transaction, the index of its customer in `labels`. */
  readonly groupOf: Int32Array;
  /** Each customer's id as first seen, in order of first appearance. */
  readonly labels: readonly CustomerId[];
}

/** The matching key of an id: a number for ids that are numbers or read as one, else trimmed lower-case text. */
export function customerKey(id: CustomerId): number | string {
  if (typeof id === "number") return id;
  const trimmed = id.trim();
  const asNumber = trimmed === "" ? NaN : Number(trimmed);
  return Number.isFinite(asNumber) && String(asNumber) === trimmed ? asNumber : trimmed.toLowerCase();
}

/**
 * Numbers customers 0, 1, 2, … in order of first appearance. Ids match the way a spreadsheet user
 * expects: surrounding spaces and letter case do not matter ("C-001 " is "c-001"), and the number
 * 1001 is the text "1001" (ids typed as text and as numbers in one column are one customer). This
 * is how COUNTIF matches too, which keeps the add-in's counts equal to a portable sheet's.
 */
export class CustomerIndex {
  // Normalising an id costs far more than a lookup, and a transaction table repeats each id many
  // times: so raw ids get a map of their own (the hot one, one lookup per row) and each distinct raw
  // id is normalised once, on its first sighting, against the map of normalised keys. Keeping the
  // two apart keeps the hot map at one entry per customer, which is what makes it fast.
  private readonly byRaw = new Map<CustomerId, number>();
  private readonly byKey = new Map<CustomerId, number>();
  /** Each customer's id as first seen. */
  readonly labels: CustomerId[] = [];

  indexOf(id: CustomerId): number {
    const known = this.byRaw.get(id);
    if (known !== undefined) return known;
    const key = customerKey(id);
    let group = this.byKey.get(key);
    if (group === undefined) {
      group = this.labels.length;
      this.labels.push(id);
      this.byKey.set(key, group);
    }
    this.byRaw.set(id, group);
    return group;
  }
}

/**
 * Groups transactions by customer id (matching as CustomerIndex describes).
 *
 * @example groupCustomers(["a", "B", " A", 7, "7"]).labels // ["a", "B", 7]
 */
export function groupCustomers(ids: ArrayLike<CustomerId>): CustomerGroups {
  const index = new CustomerIndex();
  const groupOf = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) groupOf[i] = index.indexOf(ids[i] as CustomerId);
  return { groupOf, labels: index.labels };
}
