/**
 * The report with unit columns (DOMAIN.md §8): the transaction table holds each purchase's region and
 * channel, named Tx_Unit_1, Tx_Unit_2 and Tx_Unit (the column the dashboard follows); in CX mode the
 * dashboard's by-unit table is =CX.BY_UNIT over them, which, evaluated as Excel would, gives the
 * sample's story; a refresh reads the units back; linked transactions bring their own unit columns.
 */
import { buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS, SAMPLE_UNIT_NAMES, type ReportOptions } from "../../src/report/buildReport";
import { inputsFromSheet } from "../../src/report/readBack";
import { allNames, cellAt, cxValueAt, evaluateCxTable, referenceValues, sheetOf } from "../helpers/evaluateReport";

const options: ReportOptions = {
  title: "Customer metrics", periodStart: 45536, periodEnd: 45565, currency: "CNY", locale: "zh-CN", formulaMode: "cx",
  targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: SAMPLE_INPUTS, unitNames: SAMPLE_UNIT_NAMES,
};

test("the transaction table's unit columns and their names; the dashboard follows the first unless told", () => {
  const report = buildReport(options);
  const workings = sheetOf(report, "workings");
  expect(referenceValues(report, "Tx_Unit_1", workings).slice(0, 3).map(([v]) => v)).toEqual(SAMPLE_INPUTS.transactions.slice(0, 3).map((tx) => tx.units?.[0]?.["zh-CN"]));
  expect(referenceValues(report, "Tx_Unit_2", workings).flat().every((v) => v === "线上" || v === "门店")).toBe(true);
  const unitRange = (report: ReturnType<typeof buildReport>) => allNames(report).find((n) => n.name === "Tx_Unit")?.range;
  expect(unitRange(report)).toBe(allNames(report).find((n) => n.name === "Tx_Unit_1")?.range);
  const byChannel = buildReport({ ...options, unitColumn: 1 });
  expect(unitRange(byChannel)).toBe(allNames(byChannel).find((n) => n.name === "Tx_Unit_2")?.range);
  // portable: the same columns, with the working columns that see each customer in its unit and in the company, and no CX
  const portable = buildReport({ ...options, formulaMode: "portable" });
  expect(allNames(portable).map((n) => n.name)).toEqual(expect.arrayContaining(["Tx_Unit", "Tx_Unit_1", "Tx_Unit_2", "Tx_Unit_Label", "Tx_Selected", "Tx_U_Previous", "Tx_C_Previous", "Tx_U_Cross_End"]));
  expect(portable.sheets.some((sheet) => sheet.cells.some((cell) => cell.formula?.includes("CX.") === true))).toBe(false);
});

test("CX: the dashboard's by-unit table, evaluated as Excel would, is East, South, North for 2024-09 with the company and together", () => {
  const report = buildReport(options);
  const dashboard = report.sheets[0]!;
  const anchor = dashboard.cells.find((cell) => cell.formula?.startsWith("=CX.BY_UNIT(") === true);
  const workings = `'${sheetOf(report, "workings").name}'!`;
  const data = `'${sheetOf(report, "data").name}'!`;
  expect(anchor?.formula).toBe(`=CX.BY_UNIT(${workings}Tx_Customer,${workings}Tx_Date,${workings}Tx_Amount,${workings}Tx_Unit,"month",Period_End,${data}Lapse_Days,"zh-CN")`);
  const heading = cellAt(report, `A${Number(anchor?.address.slice(1)) - 1}`);
  expect(heading?.value).toBe("按区域：2024-09");
  const table = evaluateCxTable(report, anchor?.formula as string);
  expect(table.map((row) => row[0])).toEqual(["单元", "华东", "华南", "华北", "全部单元合计", "公司整体", "跨单元客户"]);
  // the story: East has the most customers at the end and the most revenue
  expect(table[1]?.[5]).toBe(16);
  expect(table[1]?.[7]).toBe(2631);
  // revenue adds up; the cells for every row are formatted ahead of the spill (units + 3 rows after the header)
  const company = table[5] as number[];
  expect((table[1]![7] as number) + (table[2]![7] as number) + (table[3]![7] as number)).toBeCloseTo(company[7] as number, 6);
  const formatted = dashboard.cells.filter((cell) => cell.numberFormat !== undefined && Number(cell.address.replace(/^[A-Z]+/, "")) > Number(anchor?.address.slice(1))).map((cell) => Number(cell.address.replace(/^[A-Z]+/, "")));
  expect(Math.max(...formatted) - Number(anchor?.address.slice(1))).toBe(3 + 3);
});

test("a refresh reads each purchase's units back from the table", () => {
  const rows = SAMPLE_INPUTS.transactions.slice(0, 2).map((tx) => [tx.customer, 45500, tx.amount, tx.units?.[0]?.["en-US"], "", "working", "columns"]);
  const inputs = inputsFromSheet({ scalars: {}, tables: { CX_Transactions: rows } }, 2);
  expect(inputs.transactions.map((tx) => tx.units?.map((unit) => unit["en-US"]))).toEqual([[rows[0]![3], ""], [rows[1]![3], ""]]);
  expect(inputsFromSheet({ scalars: {}, tables: { CX_Transactions: rows } }).transactions[0]?.units).toBeUndefined();
});

test("linked transactions bring their unit columns: CX names them on the user's sheet", () => {
  const linked = { sheet: "Sales", row: 1, column: 0, rows: 900, columns: 3, fields: [1, 2, 3], units: [{ offset: 0, name: "Region" }, { offset: 4, name: "渠道" }] };
  const { unitNames: _own, ...others } = options;
  const report = buildReport({ ...others, inputs: { ...SAMPLE_INPUTS, transactions: [] }, unitColumn: 1, source: { transactions: linked } });
  const names = Object.fromEntries(allNames(report).filter((n) => n.name.startsWith("Tx_Unit")).map((n) => [n.name, n.range]));
  expect(names).toEqual({ Tx_Unit_1: "'Sales'!$A$2:$A$901", Tx_Unit_2: "'Sales'!$E$2:$E$901", Tx_Unit: "'Sales'!$E$2:$E$901" });
  const anchor = report.sheets[0]?.cells.find((cell) => cell.formula?.startsWith("=CX.BY_UNIT(") === true);
  const heading = report.sheets[0]?.cells.find((cell) => cell.address === `A${Number(anchor?.address.slice(1)) - 1}`);
  expect(heading?.value).toBe("按渠道：2024-09");
});

describe("the unit selector", () => {
  const figure = (report: ReturnType<typeof buildReport>, name: string): unknown => {
    const range = report.sheets[0]?.names.find((n) => n.name === name)?.range as string;
    return cxValueAt(report, range);
  };
  const FIGURES = ["Customers_Start", "New_Customers", "Reactivated_Customers", "Lapsed_Customers", "Customers_End", "Period_Churn_Rate", "Revenue", "Orders", "Average_Order_Value", "Net_Revenue_Retention"];
  // CX.BY_UNIT's columns for the same figures: start, new, reactivated, lapsed, end, churn, revenue, orders, AOV, NRR
  const COLUMNS = [1, 2, 3, 4, 5, 6, 7, 10, 11, 12];

  test("a cell with the list of All and every unit, named Selected_Unit, in the title rows", () => {
    const report = buildReport(options);
    const dashboard = report.sheets[0]!;
    expect(dashboard.cells.find((cell) => cell.address === "G2")?.value).toBe("区域");
    expect(dashboard.cells.find((cell) => cell.address === "H2")).toMatchObject({ value: "全部", style: "input" });
    expect(dashboard.names.find((n) => n.name === "Selected_Unit")?.range).toBe("H2");
    expect(dashboard.validations).toEqual([{ range: "H2", source: "=Unit_List" }]);
    const list = dashboard.names.find((n) => n.name === "Unit_List");
    expect(list).toMatchObject({ external: true, range: expect.stringMatching(/^OFFSET\('底稿 2024-09'!\$[A-Z]+\$5,0,0,1\+COUNTIF\(/) });
    expect(buildReport({ ...options, selectedUnit: "华北" }).sheets[0]?.cells.find((cell) => cell.address === "H2")?.value).toBe("华北");
  });

  test.each(["华东", "华南", "华北"])("CX, %s chosen: every period figure is CX.BY_UNIT's row for it", (unit) => {
    const report = buildReport({ ...options, selectedUnit: unit });
    const anchor = report.sheets[0]?.cells.find((cell) => cell.formula?.startsWith("=CX.BY_UNIT(") === true);
    const row = evaluateCxTable(report, anchor?.formula as string).find((r) => r[0] === unit) as unknown[];
    FIGURES.forEach((name, k) => {
      const expected = row[COLUMNS[k] as number];
      const value = figure(report, name);
      if (typeof expected === "number") expect(value).toBeCloseTo(expected, 9);
      else expect(value).toEqual(expected);
    });
  });

  test("CX, All chosen: the company's figures, as a report without units shows them", () => {
    const { unitNames: _units, ...company } = options;
    const [all, plain] = [buildReport(options), buildReport(company)];
    for (const name of FIGURES) expect(figure(all, name)).toEqual(figure(plain, name));
  });
});
