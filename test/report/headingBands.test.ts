/**
 * Section titles banded across their sections (issue 22, item 13): the heading fill on the title
 * row's empty cells to the section's right edge, not past a gap, not over another title.
 */
import { demoReport } from "../../scripts/demoReport";
import { serialFromUtc } from "../../src/core/dates";
import { headingBands } from "../../src/report/headingBands";
import type { CellSpec } from "../../src/report/sheetSpec";
import { sheetOf } from "../helpers/evaluateReport";

test("a band runs to the block's last column without a gap, and stops at another title", () => {
  const cells: CellSpec[] = [
    { address: "A1", value: "Figures", style: "heading" }, { address: "D1", value: "Other", style: "heading" },
    { address: "A2", value: "x" }, { address: "B2", value: 1 }, { address: "C2", value: 2 }, { address: "E2", value: 3 },
    { address: "A3", value: "y" }, { address: "F3", value: "F" },
    // a blank row ends the block: G5 is another block's
    { address: "A5", value: "Next", style: "heading" }, { address: "A6", value: "z" }, { address: "B6", value: 4 },
  ];
  expect(headingBands(cells).map((cell) => cell.address)).toEqual(["B1", "C1", "B5"]);
  // a gap ends the section's width: D11 is beside it, not of it (the early warning beside the RFM table)
  expect(headingBands([{ address: "A10", value: "RFM", style: "heading" }, { address: "A11", value: "x" }, { address: "B11", value: 1 }, { address: "D11", value: "y" }]).map((cell) => cell.address)).toEqual(["B10"]);
  // a paragraph fills its row across
  expect(headingBands([{ address: "A8", value: "Commentary", style: "heading" }, { address: "A9", formula: '="…"' }], [{ range: "A9:O9", lines: 1 }]).map((cell) => cell.address).at(-1)).toBe("O8");
});

test("the demo's titles: the period figures' to its targets (E, the year to date's title in F), the budget's to H, the commentary's across the page", () => {
  const dashboard = sheetOf(demoReport("en-US", serialFromUtc(Date.UTC(2026, 11, 5))), "dashboard");
  const band = (title: string): string[] => {
    const row = dashboard.cells.find((cell) => cell.style === "heading" && typeof cell.value === "string" && cell.value.startsWith(title))?.address.slice(1) as string;
    return dashboard.cells.filter((cell) => cell.address.endsWith(row) && Number(cell.address.replace(/^[A-Z]+/, "")) === Number(row) && cell.style === "heading").map((cell) => cell.address);
  };
  expect(band("Period figures")).toEqual(expect.arrayContaining(["A", "B", "C", "D", "E", "F"].map((column) => `${column}${band("Period figures")[0]?.slice(1)}`)));
  expect(band("Budget vs actual").length).toBe(8);
  expect(band("Commentary").length).toBe(15);
  expect(band("Revenue bridge").length).toBe(2);
});
