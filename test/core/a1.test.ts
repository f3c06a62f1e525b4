/** A1 addresses, shared by the functions' error messages, the report, the writer and the pane's picks. */
import { columnIndex, columnName, parseRange, sheetPrefix } from "../../src/core/a1";

test("column letters both ways", () => {
  expect([0, 25, 26, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "ZZ", "AAA"]);
  expect(["A", "z", "AA", "ZZ", "AAA"].map(columnIndex)).toEqual([0, 25, 26, 701, 702]);
});

test("ranges with or without a sheet, quotes and $ signs", () => {
  expect(parseRange("B7")).toEqual({ top: 6, left: 1, bottom: 6, right: 1 });
  expect(parseRange("Sales!A1:C9")).toEqual({ sheet: "Sales", top: 0, left: 0, bottom: 8, right: 2 });
  expect(parseRange("'Q3 data!'!$B$2:$D$40")).toEqual({ sheet: "Q3 data!", top: 1, left: 1, bottom: 39, right: 3 });
  expect(parseRange("'It''s'!AA10")).toEqual({ sheet: "It's", top: 9, left: 26, bottom: 9, right: 26 });
  expect(parseRange("Customers_Start")).toBeUndefined();
  expect(parseRange("B:B")).toBeUndefined();
});

test("sheet names are quoted only when they must be", () => {
  expect(sheetPrefix("Sales")).toBe("Sales");
  expect(sheetPrefix("Q3 data")).toBe("'Q3 data'");
  expect(sheetPrefix("It's")).toBe("'It''s'");
});
