/**
 * "My data": each pick is checked (columns, header, types, size) with the offending cell named, and a
 * report on the user's data links to their ranges instead of holding sample figures.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { specToXlsx, type DataSheet } from "../../scripts/specToXlsx";
import { buildReport, DEFAULT_TARGETS, EMPTY_INPUTS, SAMPLE_INPUTS, type ReportOptions } from "../../src/report/buildReport";
import { badRowFormula } from "../../src/report/inputChecks";
import { checkPick, linkedAddress, linkedReference, linkedUnitReference, mapColumns, mapUnitColumns, type LinkedRange, type Pick } from "../../src/report/dataSource";
import * as cx from "../../src/functions/functions";
import { expectClose } from "../helpers/close";
import { invocation } from "../helpers/excel";
import { allNames, allTables, cellAt, sheetOf } from "../helpers/evaluateReport";
import { recalculate, testWithLibreOffice } from "../helpers/libreOffice";

const transactions: Pick = {
  address: "'Sales data'!B4:D8",
  values: [["Customer", "Date", "Amount"], ["C-1", 45500, 120], ["C-2", 45510, 80.5], ["C-1", 45520, 60], ["", "", ""]],
};

describe("checking a pick", () => {
  test("a transaction table with a header: the link skips the header and the blank rows at the end", () => {
    expect(checkPick("transactions", transactions, false)).toEqual({ ok: true, range: { sheet: "Sales data", row: 4, column: 1, rows: 3, columns: 3 } });
  });
  test("without a header, the first row is data; an Excel table is remembered", () => {
    const result = checkPick("costs", { address: "Costs!A2:C3", values: [["Web", 500, 4], ["Fair", 900, 3]], table: "Channels" }, false);
    expect(result).toEqual({ ok: true, range: { sheet: "Costs", row: 1, column: 0, rows: 2, columns: 3, table: "Channels" } });
  });
  test.each([
    ["the wrong number of columns", "transactions", { address: "S!A1:B2", values: [[1, 2], [3, 4]] }, { key: "pickColumns", params: { expected: 3, columns: "customer, date, amount", got: 2 } }],
    ["only a header", "transactions", { address: "S!A1:C1", values: [["Customer", "Date", "Amount"]] }, { key: "pickEmpty", params: {} }],
    ["a blank customer", "transactions", { address: "S!A1:C3", values: [["c", 45000, 1], ["", 45001, 2], ["d", 45002, 3]] }, { key: "pickBlank", params: { cell: "S!A2", column: "customer" } }],
    ["a date typed as text", "transactions", { address: "S!A1:C2", values: [["Customer", "Date", "Amount"], ["c", "2024/13/01", 2]] }, { key: "pickNotDate", params: { cell: "S!B2", value: "2024/13/01", column: "date" } }],
    ["a negative amount", "transactions", { address: "'Q3 data'!A1:C1", values: [["c", 45000, -5]] }, { key: "pickNegative", params: { cell: "'Q3 data'!C1", value: "-5" } }],
    ["text in an amount", "transactions", { address: "S!A1:C1", values: [["c", 45000, "n/a"]] }, { key: "pickNotNumber", params: { cell: "S!C1", value: "n/a", column: "amount" } }],
    ["an NPS answer of 11", "survey", { address: "S!A1:C3", values: [["NPS", "CSAT", "CSI"], [9, 5, ""], [11, 4, 7]] }, { key: "pickScale", params: { cell: "S!A3", value: "11", low: 0, high: 10 } }],
    ["a CSAT answer of 4.5", "survey", { address: "S!A1:C1", values: [[9, 4.5, 7]] }, { key: "pickScale", params: { cell: "S!B1", value: "4.5", low: 1, high: 5 } }],
    ["half a new customer", "costs", { address: "S!A1:C1", values: [["Web", 100, 2.5]] }, { key: "pickNotWhole", params: { cell: "S!C1", value: "2.5" } }],
  ] as const)("refuses %s, naming the cell", (_name, kind, pick, problem) => {
    expect(checkPick(kind, pick, false)).toEqual({ ok: false, problem });
  });
  test("blank survey answers are allowed (they are skipped)", () => {
    expect(checkPick("survey", { address: "S!A1:C3", values: [[9, "", 7.5], ["", 3, ""], [0, 1, 1]] }, false).ok).toBe(true);
  });
  test("portable reports take at most 5,000 transactions; CX reads any number", () => {
    const values = [["Customer", "Date", "Amount"], ...Array.from({ length: 5001 }, (_, i) => [`C${i}`, 45000 + (i % 300), 10])];
    expect(checkPick("transactions", { address: "S!A1:C5002", values }, true)).toEqual({ ok: false, problem: { key: "pickTooLarge", params: { rows: 5001, max: 5000 } } });
    expect(checkPick("transactions", { address: "S!A1:C5002", values }, false).ok).toBe(true);
  });
});

describe("a report on the user's data", () => {
  const sales: LinkedRange = { sheet: "Sales data", row: 4, column: 1, rows: 3, columns: 3 };
  const survey: LinkedRange = { sheet: "Survey", row: 1, column: 0, rows: 200, columns: 3 };
  const costs: LinkedRange = { sheet: "Costs", row: 1, column: 0, rows: 2, columns: 3 };
  const options: ReportOptions = {
    title: "Mine", periodStart: 45474, periodEnd: 45565, currency: "USD", locale: "en-US", formulaMode: "cx",
    targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: EMPTY_INPUTS, source: { transactions: sales, survey, costs },
  };

  test("references are absolute, quoted, per column or per cell", () => {
    expect(linkedReference(sales, 0)).toBe("'Sales data'!$B$5:$B$7");
    expect(linkedReference(sales, 2, 1)).toBe("'Sales data'!$D$6");
    expect(linkedAddress(sales)).toBe("'Sales data'!B5:D7");
    expect(linkedAddress(costs)).toBe("Costs!A2:C3");
  });

  test("CX mode names the user's columns directly; costs are mirrored live for CAC per channel and its chart", () => {
    const report = buildReport(options);
    const spec = sheetOf(report, "dashboard");
    const data = sheetOf(report, "data");
    const name = (n: string) => allNames(report).find((x) => x.name === n);
    expect(name("Tx_Customer")).toEqual({ name: "Tx_Customer", range: "'Sales data'!$B$5:$B$7", external: true });
    expect(name("Survey_CSI")).toEqual({ name: "Survey_CSI", range: "'Survey'!$C$2:$C$201", external: true });
    expect(allTables(report).map((t) => t.name)).toEqual(["CX_Survey_Checks", "CX_Channels", "CX_Engagement", "CX_Budget"]);
    const mirrored = data.cells.filter((cell) => cell.formula?.startsWith("='Costs'!")).map((cell) => cell.formula);
    expect(mirrored).toEqual(["='Costs'!$A$2", "='Costs'!$A$3", "='Costs'!$B$2", "='Costs'!$B$3", "='Costs'!$C$2", "='Costs'!$C$3"]);
    // where the data comes from is shown under the title
    expect([cellAt(spec, "D2")?.value, cellAt(spec, "E2")?.value]).toEqual(["Transactions from", "'Sales data'!B5:D7"]);
    // an empty input table shows its first row as marked input cells
    const engagement = data.tables.find((t) => t.name === "CX_Engagement")?.range as string;
    expect(cellAt(report, `${engagement.replace(/4:.*$/, "")}5`, data)).toMatchObject({ value: "", style: "input" });
    // the typed-in inputs are left empty for the user, not filled with sample figures
    expect(cellAt(report, `B${data.names.find((n) => n.name === "Gross_Margin")?.range.slice(1)}`, data)?.value).toBe("");
    // the customer figures come from the linked transactions: no input for them
    expect(data.names.some((n) => n.name === "Customers_Start")).toBe(false);
  });

  test("portable mode mirrors the transactions beside the RFM working columns", () => {
    const workings = sheetOf(buildReport({ ...options, formulaMode: "portable" }), "workings");
    const table = workings.tables.find((t) => t.name === "CX_Transactions")?.range as string;
    expect(table).toMatch(/^[A-Z]+4:[A-Z]+7$/);
    const left = table.replace(/4:.*$/, "");
    expect(cellAt(workings, `${left}5`)?.formula).toBe("='Sales data'!$B$5");
    expect(workings.names.find((n) => n.name === "Tx_Customer")).toEqual({ name: "Tx_Customer", range: `${left}5:${left}7` });
  });
});

describe("a survey or cost table with a date column", () => {
  test("a fourth column of dates (blanks allowed) is taken; a text in it is refused, naming the cell", () => {
    const survey: Pick = { address: "S!A1:D3", values: [["NPS", "CSAT", "CSI", "Date"], [9, 5, 7, 45500], [3, 2, "", ""]] };
    expect(checkPick("survey", survey, false)).toEqual({ ok: true, range: { sheet: "S", row: 1, column: 0, rows: 2, columns: 4 } });
    expect(checkPick("costs", { address: "C!A1:D1", values: [["Web", 500, 4, 45474]] }, false)).toEqual({ ok: true, range: { sheet: "C", row: 0, column: 0, rows: 1, columns: 4 } });
    expect(checkPick("costs", { address: "C!A1:D2", values: [["Web", 500, 4, 45474], ["Fair", 900, 3, "Oct"]] }, false)).toEqual({ ok: false, problem: { key: "pickNotDate", params: { cell: "C!D2", value: "Oct", column: "month" } } });
    expect(checkPick("survey", { address: "S!A1:D1", values: [[9, 5, 7, 0]] }, false)).toEqual({ ok: false, problem: { key: "pickNotDate", params: { cell: "S!D1", value: "0", column: "date" } } });
    // five columns: the message names the three needed and the optional fourth
    expect(checkPick("costs", { address: "C!A1:E1", values: [["Web", 500, 4, 45474, 1]] }, false)).toEqual({ ok: false, problem: { key: "pickColumnsOptional", params: { expected: 3, more: 4, columns: "channel, spend, new customers", got: 5 } } });
  });
});

describe("a report linked to a dated survey and to costs by month", () => {
  // 2024-09 (45536 to 45565): answers dated before, in and after it, and undated; cost rows of August,
  // September, October and without a month
  const SURVEY: DataSheet = { name: "Survey", rows: [["NPS", "CSAT", "CSI", "Date"], [10, 5, 9, 45530], [9, 4, 8, 45540], [3, 2, 4, 45550], [10, 5, 10, 45565], [0, 1, 1, 45570], [7, 3, 6, null], [9, 4, 7, 45536]] };
  const COSTS: DataSheet = { name: "Costs", rows: [["Channel", "Spend", "New customers", "Month"], ["Search", 1200, 6, 45505], ["Search", 1500, 5, 45536], ["Social", 800, 4, 45536], ["Social", 700, 9, 45566], ["Fair", 300, 1, null]] };
  const survey: LinkedRange = { sheet: "Survey", row: 1, column: 0, rows: 7, columns: 4 };
  const costs: LinkedRange = { sheet: "Costs", row: 1, column: 0, rows: 5, columns: 4 };
  const options: ReportOptions = {
    title: "Linked", periodStart: 45536, periodEnd: 45565, currency: "CNY", locale: "en-US", formulaMode: "portable",
    targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: SAMPLE_INPUTS, source: { survey, costs },
  };

  test("the answers' dates and the rows' months are linked: the period's figures and the tables per period read them", () => {
    const report = buildReport({ ...options, formulaMode: "cx" });
    const names = allNames(report);
    expect(names.find((n) => n.name === "Survey_Date")).toEqual({ name: "Survey_Date", range: "'Survey'!$D$2:$D$8", external: true });
    const data = sheetOf(report, "data");
    // the channel table mirrors the month too, and the period's spend is the rows of its months
    expect(data.cells.filter((cell) => cell.formula?.startsWith("=IF(ISBLANK('Costs'!$D$")).map((cell) => cell.formula)).toEqual([2, 3, 4, 5, 6].map((r) => `=IF(ISBLANK('Costs'!$D$${r}),"",'Costs'!$D$${r})`));
    expect(cellAt(report, "B4", data)?.formula).toMatch(/^=IF\(Channel_Check<>"",NA\(\),SUM\(Channel_Spend\)-SUMIFS\(Channel_Spend,Channel_Month,/);
    expect(names.map((n) => n.name)).toEqual(expect.arrayContaining(["Trend_Marketing_Spend", "Trend_Survey_Answers", "Trend_NPS"]));
    // the linked tables are checked as they change (they were when picked): the message names the user's cell
    expect(names.filter((n) => n.name === "Survey_Check" || n.name === "Channel_Check").map((n) => n.name)).toEqual(["Survey_Check", "Channel_Check"]);
    const check = (name: string): string | undefined => cellAt(report, data.names.find((n) => n.name === name)?.range as string, data)?.formula;
    expect(check("Survey_Check")).toContain(`ADDRESS(MIN(Survey_Date_Bad),COLUMN('Survey'!$D$2:$D$8),4,TRUE,"Survey")`);
    // each linked cell's working formula reads the user's cell itself
    const badRows = (name: string): string[] => {
      const [from, to] = (data.names.find((n) => n.name === name)?.range as string).split(":") as [string, string];
      return data.cells.filter((cell) => cell.address[0] === from[0] && Number(cell.address.slice(1)) >= Number(from.slice(1)) && Number(cell.address.slice(1)) <= Number(to.slice(1))).map((cell) => cell.formula as string);
    };
    expect(badRows("Survey_Date_Bad")).toEqual([2, 3, 4, 5, 6, 7, 8].map((r) => badRowFormula({ kind: "date" }, `'Survey'!$D$${r}`)));
    expect(badRows("Channel_Month_Bad")).toEqual([2, 3, 4, 5, 6].map((r) => badRowFormula({ kind: "date" }, `'Costs'!$D$${r}`)));
    // a linked table without the column keeps counting as a whole
    const undated = buildReport({ ...options, formulaMode: "cx", source: { survey: { ...survey, columns: 3 }, costs: { ...costs, columns: 3 } } });
    expect(allNames(undated).some((n) => n.name === "Survey_Date" || n.name === "Channel_Month" || n.name === "Trend_NPS")).toBe(false);
    expect(cellAt(undated, "B4", sheetOf(undated, "data"))?.formula).toBe('=IF(Channel_Check<>"",NA(),SUM(Channel_Spend))');
  });

  testWithLibreOffice("recalculated by LibreOffice: September's answers and spend, the undated counted, the others left out", async () => {
    const report = buildReport(options);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "cx-linked-")), "report.xlsx");
    await specToXlsx(report, file, [SURVEY, COSTS]);
    const [values = new Map<string, unknown>()] = await recalculate(file);
    const valueOf = (role: "dashboard" | "data", name: string): unknown => {
      const sheet = sheetOf(report, role);
      return values.get(`${sheet.name}!${sheet.names.find((n) => n.name === name)?.range as string}`);
    };
    // in September or undated: 9, 3, 10, 7, 9 (NPS); 4, 2, 5, 3, 4 (CSAT)
    const nps = cx.NPS([[9], [3], [10], [7], [9]], null, null, invocation())[0]?.[0] as number;
    expectClose(valueOf("dashboard", "Net_Promoter_Score") as number, nps, 1e-9);
    expect(nps).toBe(40); // 3 promoters, 1 detractor of 5
    expect(valueOf("dashboard", "CSAT_Score")).toBe(3 / 5);
    // September's rows and the one without a month: 1500 + 800 + 300 for 5 + 4 + 1 new customers
    expect([valueOf("data", "Marketing_Spend"), valueOf("data", "Acquired_Customers")]).toEqual([2600, 10]);
    expect(valueOf("dashboard", "Acquisition_Cost")).toBe(260);
    expect([valueOf("data", "Survey_Check") ?? "", valueOf("data", "Channel_Check") ?? ""]).toEqual(["", ""]);
  }, 180_000);

  testWithLibreOffice("text typed later in the user's Date or Month column: the check names the user's cell, the figures read from it are #N/A", async () => {
    const report = buildReport(options);
    const dir = mkdtempSync(path.join(tmpdir(), "cx-linked-bad-"));
    const badSurvey: DataSheet = { ...SURVEY, rows: SURVEY.rows.map((row, r) => (r === 3 ? [row[0], row[1], row[2], "last week"] : row)) as DataSheet["rows"] };
    const badCosts: DataSheet = { ...COSTS, rows: COSTS.rows.map((row, r) => (r === 2 ? [row[0], -1500, row[2], row[3]] : row)) as DataSheet["rows"] };
    const [surveyFile, costsFile] = [path.join(dir, "survey.xlsx"), path.join(dir, "costs.xlsx")];
    await specToXlsx(report, surveyFile, [badSurvey, COSTS]);
    await specToXlsx(report, costsFile, [SURVEY, badCosts]);
    const [afterSurvey = new Map<string, unknown>(), afterCosts = new Map<string, unknown>()] = await recalculate(surveyFile, costsFile);
    const valueIn = (values: Map<string, unknown>, role: "dashboard" | "data", name: string): unknown => {
      const sheet = sheetOf(report, role);
      return values.get(`${sheet.name}!${sheet.names.find((n) => n.name === name)?.range as string}`) ?? "";
    };
    const suffix = "; the figures read from this table show #N/A until it is";
    expect(valueIn(afterSurvey, "data", "Survey_Check")).toBe(`Date: Survey!D4 is not a date${suffix}`);
    expect([valueIn(afterSurvey, "dashboard", "Net_Promoter_Score"), valueIn(afterSurvey, "dashboard", "CSAT_Score")]).toEqual([{ error: "#N/A" }, { error: "#N/A" }]);
    expect(valueIn(afterSurvey, "data", "Marketing_Spend")).toBe(2600);
    expect(valueIn(afterCosts, "data", "Channel_Check")).toBe(`Spend: Costs!B3 is not a number of 0 or more${suffix}`);
    expect([valueIn(afterCosts, "data", "Marketing_Spend"), valueIn(afterCosts, "dashboard", "Acquisition_Cost")]).toEqual([{ error: "#N/A" }, { error: "#N/A" }]);
    expect(valueIn(afterCosts, "dashboard", "Net_Promoter_Score")).toBe(40);
  }, 180_000);
});

describe("a table picked whole: its columns found by their headers", () => {
  const base: ReportOptions = {
    title: "Mapped", periodStart: 45474, periodEnd: 45565, currency: "CNY", locale: "zh-CN", formulaMode: "cx", targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: EMPTY_INPUTS,
  };
  const table: Pick = {
    address: "'交易明细'!A1:D4",
    values: [["区域", "客户编号", "金额", "下单日期"], ["华东", "C-1", 120, 45500], ["华南", "C-2", 80.5, 45510], ["华东", "C-1", 60, 45520]],
  };

  test("English and Chinese headers name the customer, date and amount, in any order, among other columns", () => {
    expect(mapColumns("transactions", table.values[0] as unknown[])).toEqual([1, 3, 2]);
    expect(mapColumns("transactions", ["Order Date", "Region", "Customer ID", "Sales"])).toEqual([2, 0, 3]);
    expect(mapColumns("transactions", ["客户ID", "订单日期", "销售额"])).toEqual([0, 1, 2]);
    expect(mapColumns("transactions", ["who", "when", "how much"])).toEqual([undefined, undefined, undefined]);
  });

  test("the link reads the mapped columns; the pane's address is the whole table", () => {
    const result = checkPick("transactions", table, false);
    // 区域 is a unit column (DOMAIN.md §8), kept beside the three needed ones
    expect(result).toEqual({ ok: true, range: { sheet: "交易明细", row: 1, column: 0, rows: 3, columns: 3, fields: [1, 3, 2], units: [{ offset: 0, name: "区域" }] } });
    const range = (result as { range: LinkedRange }).range;
    expect([0, 1, 2].map((j) => linkedReference(range, j))).toEqual(["'交易明细'!$B$2:$B$4", "'交易明细'!$D$2:$D$4", "'交易明细'!$C$2:$C$4"]);
    expect(linkedAddress(range)).toBe("'交易明细'!A2:D4");
    const report = buildReport({ ...base, inputs: EMPTY_INPUTS, source: { transactions: range } });
    expect(allNames(report).filter((n) => n.name.startsWith("Tx_") && n.external === true).map((n) => [n.name, n.range])).toEqual([
      ["Tx_Customer", "'交易明细'!$B$2:$B$4"], ["Tx_Date", "'交易明细'!$D$2:$D$4"], ["Tx_Amount", "'交易明细'!$C$2:$C$4"],
      // 区域, the unit column, and the one the dashboard follows
      ["Tx_Unit_1", "'交易明细'!$A$2:$A$4"], ["Tx_Unit", "'交易明细'!$A$2:$A$4"],
    ]);
  });

  test("the user's choice of columns wins; a column not found or chosen twice is said, as are amounts stored as text and shifted columns", () => {
    expect(checkPick("transactions", table, false, [1, 3, 0])).toEqual({ ok: false, problem: { key: "pickNotNumber", params: { cell: "'交易明细'!A2", value: "华东", column: "amount" } } });
    expect(checkPick("transactions", { ...table, values: [["区域", "客户", "数量", "下单日期"], ...table.values.slice(1)] }, false)).toEqual({ ok: false, problem: { key: "pickUnmapped", params: { column: "amount" } } });
    expect(checkPick("transactions", table, false, [1, 3, 3])).toEqual({ ok: false, problem: { key: "pickMapTwice", params: { column: "amount" } } });
    const text = { ...table, values: [table.values[0] as unknown[], ["华东", "C-1", "1,086.87", 45500]] };
    expect(checkPick("transactions", text, false)).toEqual({ ok: false, problem: { key: "pickTextNumber", params: { cell: "'交易明细'!C2", value: "1,086.87" } } });
    expect(checkPick("transactions", { ...table, values: [table.values[0] as unknown[]] }, false)).toEqual({ ok: false, problem: { key: "pickEmpty", params: {} } });
    // without headers, the columns are taken in order, three of them
    expect(checkPick("transactions", { address: "S!A1:D1", values: [["C-1", 45500, 12, "华东"]] }, false)).toMatchObject({ ok: false, problem: { key: "pickColumns" } });
  });

  test("unit columns: found by their headers (at most three), or as the user chose them after the needed three; blanks allowed", () => {
    const wide: Pick = {
      address: "Sales!B1:G4",
      values: [["Region", "Customer ID", "Order Date", "Sales", "渠道", "Product line"], ["East", "C-1", 45500, 120, "线上", ""], ["", "C-2", 45510, 80, "门店", "Tea"], ["North", "C-1", 45520, 60, "线上", "Tea"]],
    };
    expect(mapUnitColumns(wide.values[0] as unknown[], [1, 2, 3])).toEqual([0, 4, 5]);
    const result = checkPick("transactions", wide, false);
    expect(result).toMatchObject({ ok: true, range: { fields: [1, 2, 3], units: [{ offset: 0, name: "Region" }, { offset: 4, name: "渠道" }, { offset: 5, name: "Product line" }] } });
    const range = (result as { range: LinkedRange }).range;
    expect([0, 1, 2].map((k) => linkedUnitReference(range, k))).toEqual(["'Sales'!$B$2:$B$4", "'Sales'!$F$2:$F$4", "'Sales'!$G$2:$G$4"]);
    expect(linkedAddress(range)).toBe("Sales!B2:G4");
    // the user's choice: only the channel
    expect(checkPick("transactions", wide, false, [1, 2, 3, 4, undefined, undefined])).toMatchObject({ ok: true, range: { units: [{ offset: 4, name: "渠道" }] } });
    // a unit column that is also the customer column is refused
    expect(checkPick("transactions", wide, false, [1, 2, 3, 1])).toEqual({ ok: false, problem: { key: "pickMapTwice", params: { column: "unit" } } });
    // no unit header: no units
    expect(checkPick("transactions", { ...wide, values: wide.values.map((row) => [...row.slice(1, 4), "x"]) }, false)).toMatchObject({ ok: true, range: { fields: [0, 1, 2] } });
    expect((checkPick("transactions", { ...wide, values: wide.values.map((row) => [...row.slice(1, 4), "x"]) }, false) as { range: LinkedRange }).range.units).toBeUndefined();
  });
});
