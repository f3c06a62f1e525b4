/**
 * References between a report's sheets: names scoped to one sheet are qualified on the others, and
 * renaming a sheet (the writer makes names unique) rewrites every reference to it, never text.
 */
import { qualifyNames, renameSheets, sheetQualifier } from "../../src/report/sheetSpec";

const homes = new Map([["Survey_NPS", "Data 2026-10"], ["Period_End", "Report 2026-10"], ["As_Of", "Data 2026-10"]]);

test("a name of another sheet is qualified; the sheet's own names, functions, cells and text are not", () => {
  expect(qualifyNames('=IF(COUNT(Survey_NPS)=0,NA(),COUNTIF(Survey_NPS,">=9"))', homes, "Report 2026-10"))
    .toBe(`=IF(COUNT('Data 2026-10'!Survey_NPS)=0,NA(),COUNTIF('Data 2026-10'!Survey_NPS,">=9"))`);
  expect(qualifyNames("=Period_End", homes, "Report 2026-10")).toBe("=Period_End");
  expect(qualifyNames("=Period_End-B2+$C$3", homes, "Data 2026-10")).toBe("='Report 2026-10'!Period_End-B2+$C$3");
  // text that looks like a name stays text; a name already qualified is left alone
  expect(qualifyNames('=IF(A1="Survey_NPS",\'Data 2026-10\'!Survey_NPS,0)', homes, "Report 2026-10")).toBe('=IF(A1="Survey_NPS",\'Data 2026-10\'!Survey_NPS,0)');
  // a longer name that contains a known one is another name
  expect(qualifyNames("=SUM(Survey_NPS_Old)", homes, "Report 2026-10")).toBe("=SUM(Survey_NPS_Old)");
});

test("renaming rewrites quoted references, quotes in sheet names included, and nothing in text", () => {
  const renames = new Map([["Data 2026-10", "Data 2026-10 (2)"], ["Bob's data", "Bob's data (2)"]]);
  expect(renameSheets(`=SUM('Data 2026-10'!Survey_NPS)+'Bob''s data'!A1&"'Data 2026-10'!"`, renames))
    .toBe(`=SUM('Data 2026-10 (2)'!Survey_NPS)+'Bob''s data (2)'!A1&"'Data 2026-10'!"`);
  expect(renameSheets("='Other'!A1", renames)).toBe("='Other'!A1");
  expect(sheetQualifier("Bob's")).toBe("'Bob''s'!");
});
