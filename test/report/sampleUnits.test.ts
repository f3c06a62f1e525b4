/**
 * The sample's units tell the story sampleUnits promises (issue: one region growing, one shrinking),
 * read as the by-unit table reads them (DOMAIN.md §8), between the same month a year before and the
 * sample's report month (2024-09); and the units leave the purchases as they were.
 */
import { groupCustomers } from "../../src/core/prep/groupCustomers";
import { unitTables } from "../../src/core/unitTables";
import { sampleCustomers } from "../../src/report/sampleData";
import { SAMPLE_INPUTS, SAMPLE_UNIT_NAMES } from "../../src/report/sampleInputs";

const end = 45565; // 2024-09-30
const tx = SAMPLE_INPUTS.transactions;
const byRegion = (back: number) => {
  const units = groupCustomers(tx.map((t) => (t.units?.[0] as { "en-US": string })["en-US"]));
  const table = unitTables({
    groups: groupCustomers(tx.map((t) => t.customer)), dates: tx.map((t) => end - (t.daysBeforeEnd ?? 0)), amounts: tx.map((t) => t.amount as number), units,
  }, { period: "month", lapseDays: 90, periodEnd: end - back });
  const region = (name: string) => table.units.find(({ unit }) => units.labels[unit] === name)?.figures;
  return { table, east: region("East"), north: region("North"), first: units.labels[table.units[0]?.unit as number] };
};

test("East grows and North shrinks over the year to the report month; East leads; some customers buy in two regions", () => {
  const [before, now] = [byRegion(366), byRegion(0)];
  expect(before.table.label).toBe("2023-09");
  expect(now.table.label).toBe("2024-09");
  expect(now.east?.customersEnd).toBeGreaterThan((before.east?.customersEnd ?? 0) + 4);
  expect(now.east?.revenue).toBeGreaterThan(before.east?.revenue ?? 0);
  expect(now.north?.customersEnd).toBeLessThan((before.north?.customersEnd ?? 0) - 4);
  expect(now.north?.revenue).toBeLessThan(before.north?.revenue ?? 0);
  expect(now.first).toBe("East");
  expect(now.table.crossUnit.end).toBeGreaterThan(0);
});

test("every purchase has a region and a channel in both languages; the purchases are those without units", () => {
  expect(SAMPLE_UNIT_NAMES.map((name) => name["zh-CN"])).toEqual(["区域", "渠道"]);
  expect(new Set(tx.map((t) => t.units?.map((u) => u["zh-CN"]).join("/")))).toEqual(new Set(["华东/线上", "华东/门店", "华南/线上", "华南/门店", "华北/线上", "华北/门店"]));
  const plain = sampleCustomers(20_241, 100, 1130).transactions;
  expect(tx.map(({ customer, daysBeforeEnd, amount }) => ({ customer, daysBeforeEnd, amount }))).toEqual(plain);
});
