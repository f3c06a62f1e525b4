/**
 * The fake workbook is the project's only Excel (DESIGN.md, Tests), so each Excel behaviour the
 * writer relies on is held here, with the Microsoft page that states it.
 */
import { deleteSheet, EXCEL_WEB_PAYLOAD_LIMIT, fakeWorkbook, renameSheet, type FakeSheet } from "../helpers/fakeWorkbook";

const sheetOf = (book: ReturnType<typeof fakeWorkbook>, name: string): FakeSheet => book.sheets.find((s) => s.name === name) as FakeSheet;

// "Handle dynamic arrays and spilling using the Excel JavaScript API" (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-ranges-dynamic-arrays);
// "Dynamic array formulas and spilled array behavior" (support.microsoft.com): a blocked spill is #SPILL!.
test("an array formula spills; its spilled cells read back values through formulas; a blocked spill is #SPILL!", async () => {
  const book = fakeWorkbook(["S"], { spill: (formula) => (formula === "=CX.T()" ? [["h1", "h2"], [1, 2]] : undefined) });
  const sheet = book.context.workbook.worksheets.getItem("S");
  sheet.getRange("B2").formulas = [["=CX.T()"]];
  await book.context.sync();
  const read = sheet.getRange("B2:C3");
  read.load("formulas,values");
  const spill = sheet.getRange("B2").getSpillingToRangeOrNullObject();
  spill.load("address");
  await book.context.sync();
  expect(read.formulas).toEqual([["=CX.T()", "h2"], [1, 2]]);
  expect(read.values).toEqual([["h1", "h2"], [1, 2]]);
  expect(spill.address).toBe("S!B2:C3");
  sheet.getRange("C3").formulas = [["typed"]];
  await book.context.sync();
  expect(sheetOf(book, "S").anchors.get("B2")).toBe("#SPILL!");
  expect(sheetOf(book, "S").spilled.size).toBe(0);
});

// "Error handling with the application-specific JavaScript APIs" (learn.microsoft.com): a batch is not a transaction.
test("a rejected request is applied up to the failing operation", async () => {
  const book = fakeWorkbook(["S"]);
  const sheet = book.context.workbook.worksheets.getItem("S");
  sheet.getRange("A1").formulas = [[1]];
  sheet.getRange("A2").formulas = [[2]];
  book.failSync = 1;
  await expect(book.context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
  expect([...sheetOf(book, "S").cells]).toEqual([["A1", 1]]);
});

// "Protect a worksheet" (support.microsoft.com); Excel.WorksheetProtection (learn.microsoft.com).
test("a protected sheet refuses writes, clears and name deletes with AccessDenied", async () => {
  const book = fakeWorkbook(["S"]);
  sheetOf(book, "S").cells.set("A1", 1);
  sheetOf(book, "S").names.set("N", "=S!$A$1");
  sheetOf(book, "S").protected = true;
  const sheet = book.context.workbook.worksheets.getItem("S");
  for (const change of [() => (sheet.getRange("A1").formulas = [[2]]), () => sheet.getRange("A1").clear(), () => sheet.names.getItem("N").delete()]) {
    change();
    await expect(book.context.sync()).rejects.toMatchObject({ code: "AccessDenied" });
  }
  expect(sheetOf(book, "S").cells.get("A1")).toBe(1);
  expect(sheetOf(book, "S").names.get("N")).toBe("=S!$A$1");
  sheet.protection.load("protected");
  await book.context.sync();
  expect(sheet.protection.protected).toBe(true);
});

// "Insert or delete rows and columns" (support.microsoft.com): cells, references, names, tables and charts move with the rows.
test("inserting and deleting whole rows shifts cells, formulas, names, tables and chart ranges", () => {
  const book = fakeWorkbook(["S", "T"]);
  const s = sheetOf(book, "S");
  s.cells.set("A5", "x");
  s.cells.set("B1", "=SUM(A2:A9)+'S'!A5+LOG10(A1)");
  s.formulaCells.add("B1");
  s.names.set("N", "='S'!$A$5:$A$9,'S'!$C$1");
  s.tables.set("T1", { top: 3, left: 0, bottom: 8, right: 2 });
  s.charts.push({ type: "Pie", series: [{ name: "x", values: "'S'!$A$5:$A$9" }] });
  sheetOf(book, "T").cells.set("A1", "=S!A5");
  sheetOf(book, "T").formulaCells.add("A1");
  book.insertRows("S", 5, 2);
  expect(s.cells.get("A7")).toBe("x");
  expect(s.cells.get("B1")).toBe("=SUM(A2:A11)+'S'!A7+LOG10(A1)");
  expect(s.names.get("N")).toBe("='S'!$A$7:$A$11,'S'!$C$1");
  expect(s.tables.get("T1")).toEqual({ top: 3, left: 0, bottom: 10, right: 2 });
  expect(s.charts[0]?.series[0]?.values).toBe("'S'!$A$7:$A$11");
  expect(sheetOf(book, "T").cells.get("A1")).toBe("=S!A7");
  book.deleteRows("S", 7, 1);
  expect(s.cells.has("A7")).toBe(false);
  expect(sheetOf(book, "T").cells.get("A1")).toBe("=S!#REF!");
  expect(s.names.get("N")).toBe("='S'!$A$7:$A$10,'S'!$C$1");
});

// "Rename a worksheet" and "Delete a worksheet" (support.microsoft.com): references follow a rename and become #REF! on a delete.
test("a renamed sheet's references follow it; a deleted sheet's turn into #REF!", () => {
  const book = fakeWorkbook(["Data", "Report"]);
  const report = sheetOf(book, "Report");
  report.cells.set("A1", "='Data'!B2+Data!C3");
  report.formulaCells.add("A1");
  renameSheet(book, "Data", "Data 2024");
  expect(report.cells.get("A1")).toBe("='Data 2024'!B2+'Data 2024'!C3");
  deleteSheet(book, "Data 2024");
  expect(report.cells.get("A1")).toBe("=#REF!+#REF!");
});

// "Custom functions: #BUSY!" (learn.microsoft.com/office/dev/add-ins/excel/custom-functions-web-reqs; office-js #6930).
test("a custom function's cell reads #BUSY! while it calculates", async () => {
  const book = fakeWorkbook(["S"]);
  sheetOf(book, "S").cells.set("A1", "=CX.NPS(B1:B9)");
  sheetOf(book, "S").formulaCells.add("A1");
  book.calculating = 2;
  const range = book.context.workbook.worksheets.getItem("S").getRange("A1");
  range.load("values");
  await book.context.sync();
  expect(range.values).toEqual([["#BUSY!"]]);
  range.load("values");
  await book.context.sync();
  expect(range.values).toEqual([["=CX.NPS(B1:B9)"]]);
});

// "Resource limits and performance optimization for Office Add-ins" (learn.microsoft.com): 5 MB per request, counted in bytes.
test("a request is measured in UTF-8 bytes: Chinese text counts three bytes a character", async () => {
  const book = fakeWorkbook(["S"]);
  const rows = Array.from({ length: 600_000 }, () => ["客户"]);
  book.context.workbook.worksheets.getItem("S").getRange("A1:A600000").formulas = rows;
  expect(JSON.stringify(rows).length).toBeLessThan(EXCEL_WEB_PAYLOAD_LIMIT); // under the limit in characters
  await expect(book.context.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
});

test("it holds 100,000 transactions: the used range of 100,000 rows is found without overflowing the stack", async () => {
  const book = fakeWorkbook(["S"]);
  const sheet = sheetOf(book, "S");
  for (let r = 1; r <= 100_000; r++) sheet.cells.set(`A${r}`, r);
  const used = book.context.workbook.worksheets.getItem("S").getUsedRangeOrNullObject();
  used.load("address");
  await book.context.sync();
  expect(used.address).toBe("S!A1:A100000");
});

test("a list validation: a rule replaces the range's, clear() removes it, a copied sheet keeps it (Excel.DataValidation, ExcelApi 1.8)", async () => {
  const book = fakeWorkbook(["S"]);
  const sheet = book.context.workbook.worksheets.getItem("S");
  sheet.getRange("H2").dataValidation.rule = { list: { inCellDropDown: true, source: "=Unit_List" } };
  await book.context.sync();
  sheet.getRange("H2").dataValidation.rule = { list: { inCellDropDown: true, source: "East,North" } };
  await book.context.sync();
  expect(book.sheets[0]?.validations).toEqual([{ range: "H2", source: "East,North" }]);
  sheet.copy("After", sheet).name = "Copy";
  await book.context.sync();
  expect(book.sheets.find((s) => s.name === "Copy")?.validations).toEqual([{ range: "H2", source: "East,North" }]);
  sheet.getRange("A1:M60").dataValidation.clear();
  await book.context.sync();
  expect(book.sheets[0]?.validations).toEqual([]);
  expect(book.sheets.find((s) => s.name === "Copy")?.validations).toHaveLength(1);
});

test("a sheet's name that refers to another sheet's cells gives that sheet's range (NamedItem.getRangeOrNullObject)", async () => {
  const book = fakeWorkbook(["S", "T"]);
  const [s, t] = [book.context.workbook.worksheets.getItem("S"), book.context.workbook.worksheets.getItem("T")];
  t.getRange("B2:B3").formulas = [["east"], ["north"]];
  s.names.add("List", "='T'!$B$2:$B$3");
  await book.context.sync();
  const range = s.names.getItemOrNullObject("List").getRangeOrNullObject();
  range.load("values");
  await book.context.sync();
  expect(range.values).toEqual([["east"], ["north"]]);
});
