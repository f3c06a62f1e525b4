/**
 * cx-report computes a CX report's formulas itself (scripts/cxReport/formulas), as Excel with the
 * add-in would, to store their results: worked examples of each rule it follows, with the page of
 * Microsoft's that states it.
 */
import { ReportWorkbook } from "../../scripts/cxReport/formulas/workbook";
import { parseFormula } from "../../scripts/cxReport/formulas/parse";
import { formatNumber } from "../../scripts/cxReport/formulas/textFormat";
import { criterion } from "../../scripts/cxReport/formulas/builtins";
import type { CellSpec, NameSpec, ReportSpec } from "../../src/report/sheetSpec";

/** A workbook of sheets given as cells and names (nothing else of a report is read). */
function book(sheets: Record<string, { cells: CellSpec[]; names?: NameSpec[] }>, data: { name: string; rows: (string | number | null)[][] }[] = []): Map<string, unknown> {
  const report = { sheets: Object.entries(sheets).map(([name, sheet]) => ({ name, cells: sheet.cells, names: sheet.names ?? [] })) } as unknown as ReportSpec;
  return new ReportWorkbook(report, data).computeAll();
}
const f = (address: string, formula: string): CellSpec => ({ address, formula });
const v = (address: string, value: string | number | boolean): CellSpec => ({ address, value });

describe("operators (Excel: 'Calculation operators and precedence')", () => {
  test("negation before ^, ^ before × and ÷, then + and −, then &, then comparisons; % divides by 100", () => {
    const r = book({ S: { cells: [f("A1", "=-2^2"), f("A2", "=2+3*4^2/8"), f("A3", '=1+2&"x"'), f("A4", "=1+2=3"), f("A5", "=50%*4"), f("A6", '="10"+5')] } });
    expect([r.get("S!A1"), r.get("S!A2"), r.get("S!A3"), r.get("S!A4"), r.get("S!A5"), r.get("S!A6")]).toEqual([4, 8, "3x", true, 2, 15]);
  });
  test("text compares without regard to case and after every number; a blank is 0 or no text; 1/3 joins as 15 digits", () => {
    const r = book({ S: { cells: [f("A1", '="abc"="ABC"'), f("A2", '=9<"1"'), f("A3", "=B9=0"), f("A4", '=B9=""'), f("A5", '=1/3&""')] } });
    expect([r.get("S!A1"), r.get("S!A2"), r.get("S!A3"), r.get("S!A4"), r.get("S!A5")]).toEqual([true, true, true, true, "0.333333333333333"]);
  });
  test("errors pass on through arithmetic and are caught by IFERROR; text in arithmetic is #VALUE!; ÷0 is #DIV/0!", () => {
    const r = book({ S: { cells: [v("B1", "x"), f("A1", "=B1*2"), f("A2", "=1/0"), f("A3", '=IFERROR(1/0,"–")'), f("A4", "=NA()+1"), f("A5", "=ISNUMBER(NA())")] } });
    expect([(r.get("S!A1") as { code: string }).code, (r.get("S!A2") as { code: string }).code, r.get("S!A3"), (r.get("S!A4") as { code: string }).code, r.get("S!A5")]).toEqual(["#VALUE!", "#DIV/0!", "–", "#N/A", false]);
  });
  test("a formula the reader cannot follow is refused with where it stopped", () => {
    expect(() => parseFormula("=SUM(A1,")).toThrow("at 7 in =SUM(A1,");
  });
});

describe("functions (Microsoft's function reference)", () => {
  const cells = [v("A1", 5), v("A2", "x"), v("A3", 7), v("A5", -2), v("B1", 45536), v("B2", 45566), v("B3", 45597), v("B5", 45600)];
  test("SUM, COUNT, MIN, MAX and AVERAGE take a range's numbers and skip its text and blanks", () => {
    const r = book({ S: { cells: [...cells, f("C1", "=SUM(A1:A5)"), f("C2", "=COUNT(A1:A5)"), f("C3", "=MIN(A1:A5)"), f("C4", "=MAX(A1:A5)"), f("C5", "=AVERAGE(A1:A5)")] } });
    expect(["C1", "C2", "C3", "C4", "C5"].map((a) => r.get(`S!${a}`))).toEqual([10, 3, -2, 7, 10 / 3]);
  });
  test("SUMIFS, COUNTIFS and MAXIFS read >=, <>, a blank and wildcards; numbers in a criterion compare as numbers", () => {
    const r = book({ S: { cells: [...cells, f("C1", '=SUMIFS(A1:A5,B1:B5,">="&DATE(2024,10,1))'), f("C2", '=COUNTIFS(A1:A5,"<>")'), f("C3", '=COUNTIFS(A1:A5,"")'), f("C4", '=MAXIFS(A1:A5,B1:B5,"<45597")'), f("C5", '=COUNTIFS(A1:A5,"x*")'), f("C6", "=COUNTIFS(A1:A5,7)")] } });
    expect(["C1", "C2", "C3", "C4", "C5", "C6"].map((a) => r.get(`S!${a}`))).toEqual([5, 4, 1, 5, 1, 1]);
    expect(criterion(">=-1E+307")(-5)).toBe(true);
    expect(criterion(">=-1E+307")("text")).toBe(false);
  });
  test("INDEX, ROWS, MATCH, ROW, COLUMN and ADDRESS with a sheet's name", () => {
    const r = book({ S: { cells: [...cells, f("C1", "=INDEX(A1:A5,ROWS(A1:A5)-2)"), f("C2", "=MATCH(45597,B1:B5,0)"), f("C3", "=ROW(INDEX(A1:A5,4))+COLUMN(B2)"), f("C4", '=ADDRESS(7,3,4,TRUE,"Data 2024-09")'), f("C5", "=INDEX(A1:A5,9)"), f("C6", '=MATCH("X",A1:A5,0)')] } });
    expect(["C1", "C2", "C3", "C4"].map((a) => r.get(`S!${a}`))).toEqual([7, 3, 6, "'Data 2024-09'!C7"]);
    expect((r.get("S!C5") as { code: string }).code).toBe("#REF!");
    expect(r.get("S!C6")).toBe(2);
  });
  test("TEXT writes the report's number formats as Excel does, 万元 included", () => {
    expect(formatNumber(1234567.891, "#,##0")).toBe("1,234,568");
    expect(formatNumber(-1234, "+#,##0;-#,##0")).toBe("-1,234");
    expect(formatNumber(0.1234, "+0.0%;-0.0%;0.0%")).toBe("+12.3%");
    expect(formatNumber(0, "+0.0%;-0.0%;0.0%")).toBe("0.0%");
    expect(formatNumber(123456, '0\\.0,"万元"')).toBe("12.3万元");
    expect(formatNumber(5000, '0\\.0,"万元"')).toBe("0.5万元");
    expect(formatNumber(2.005, "0.00")).toBe("2.01");
    expect(formatNumber(-1.25, "0.0")).toBe("-1.3");
    expect(() => formatNumber(45600, "yyyy-mm")).toThrow("not a number format");
  });
});

describe("dynamic arrays ('Dynamic array formulas and spilled array behavior')", () => {
  test("an array spills down and right from its cell, and formulas read what it spills", () => {
    const r = book({ S: { cells: [v("A1", 3), v("A2", 1), v("A3", 2), f("C1", "=SORT(A1:A3)"), f("E1", "=SUM(C1:C3)+C3")], names: [] } });
    expect(r.get("S!C1")).toEqual([[1], [2], [3]]);
    expect(r.get("S!E1")).toBe(9);
  });
  test("an array with a cell in its way is #SPILL!, naming the cell", () => {
    const r = book({ S: { cells: [v("A1", 3), v("A2", 1), f("C1", "=SORT(A1:A2)"), v("C2", "mine")] } });
    expect(r.get("S!C1")).toMatchObject({ code: "#SPILL!", message: "S!C2 is in the way" });
  });
  test("names are the sheet's own; a qualified name is read on its sheet; a data sheet's rows are cells", () => {
    const r = book({
      Dash: { cells: [f("A1", "=SUM('Data x'!Amounts)+Bonus"), v("B1", 1)], names: [{ name: "Bonus", range: "B1" }] },
      "Data x": { cells: [], names: [{ name: "Amounts", range: "'Rows'!$B$2:$B$4", external: true }] },
    }, [{ name: "Rows", rows: [["id", "amount"], ["a", 10], ["b", null], ["c", 5]] }]);
    expect(r.get("Dash!A1")).toBe(16);
  });
  test("a formula that reads itself is refused, naming it", () => {
    expect(() => book({ S: { cells: [f("A1", "=B1+1"), f("B1", "=A1")] } })).toThrow("a circular reference through S!");
  });
});

describe("CX functions as Excel calls them", () => {
  test("a range's values and its address: a bad cell is named in the error the cell shows", () => {
    const r = book({ S: { cells: [v("A1", 9), v("A2", 11), v("A3", 10), f("C1", "=CX.NPS(A1:A3)")] } });
    const error = r.get("S!C1") as { code: string; message: string };
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toContain("S!A2");
  });
  test("a table spills; a single value is the cell's; a function of another's figure reads it", () => {
    const r = book({ S: { cells: [v("A1", 9), v("A2", 10), v("A3", 3), v("A4", 7), f("C1", "=CX.NPS(A1:A4)"), f("C2", "=C1/2"), f("D1", "=CX.CAC(B1:B2,B3:B4)"), v("B1", 100), v("B2", 50), v("B3", 4), v("B4", 0)] } });
    // two promoters and one detractor of four: (2 − 1) / 4 = +25
    expect(r.get("S!C1")).toBe(25);
    expect(r.get("S!C2")).toBe(12.5);
    const cac = r.get("S!D1") as unknown[][];
    expect(cac[0]).toEqual([25]);
    expect((cac[1]?.[0] as { code: string }).code).toBe("#DIV/0!");
  });
});
