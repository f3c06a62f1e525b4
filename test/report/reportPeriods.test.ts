/** The report periods the pane offers: whole months or quarters, never one that is not over yet. */
import { latestPurchaseDay, reportPeriodChoices } from "../../src/report/reportPeriods";
import { reportPeriodKind } from "../../src/report/buildReport";

const day = (iso: string): number => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;

test("the newest month offered is the last one complete by the latest day", () => {
  expect(reportPeriodChoices("month", day("2024-11-23"), 3)).toEqual([
    { label: "2024-10", start: day("2024-10-01"), end: day("2024-10-31") },
    { label: "2024-09", start: day("2024-09-01"), end: day("2024-09-30") },
    { label: "2024-08", start: day("2024-08-01"), end: day("2024-08-31") },
  ]);
  // on a month's last day, that month is complete
  expect(reportPeriodChoices("month", day("2024-02-29"), 1)[0]).toEqual({ label: "2024-02", start: day("2024-02-01"), end: day("2024-02-29") });
  // across a year's turn, and a time of day is ignored
  expect(reportPeriodChoices("month", day("2025-01-15") + 0.75, 1)[0]?.label).toBe("2024-12");
});

test("quarters: the last complete calendar quarter first", () => {
  expect(reportPeriodChoices("quarter", day("2024-11-23"), 2)).toEqual([
    { label: "2024-Q3", start: day("2024-07-01"), end: day("2024-09-30") },
    { label: "2024-Q2", start: day("2024-04-01"), end: day("2024-06-30") },
  ]);
  expect(reportPeriodChoices("quarter", day("2024-12-31"), 1)[0]?.label).toBe("2024-Q4");
  expect(reportPeriodChoices("quarter", day("2024-12-31"), 0)).toEqual([]);
});

test("the latest purchase day of a pick skips its header and text, and drops the time of day", () => {
  expect(latestPurchaseDay([["Customer", "Date", "Amount"], ["C-1", 45500.5, 10], ["C-2", 45510, 5], ["C-3", "n/a", 1]])).toBe(45510);
  expect(latestPurchaseDay([["Customer", "Date"]])).toBeUndefined();
});

test("a report's kind of period follows its dates: a calendar quarter or year when it is one, else a month", () => {
  expect(reportPeriodKind(day("2024-07-01"), day("2024-09-30"))).toBe("quarter");
  expect(reportPeriodKind(day("2024-01-01"), day("2024-12-31"))).toBe("year");
  expect(reportPeriodKind(day("2024-10-01"), day("2024-10-31"))).toBe("month");
  // three months that are not a calendar quarter, and a part of a month, are read by month
  expect(reportPeriodKind(day("2024-08-01"), day("2024-10-31"))).toBe("month");
  expect(reportPeriodKind(day("2024-10-01"), day("2024-11-23"))).toBe("month");
});
