/** Roll forward: the next period's report from the active one, written into new sheets. */
import type { SheetContents } from "../report/readBack";
import type { ReportSpec } from "../report/sheetSpec";
import { RefreshRefusedError, type WriteResult } from "./errors";
import { readReport } from "./readReport";
import { writeReport } from "./writeReport";

/**
 * "Roll forward": the active report rebuilt for its next period into new sheets, with the same
 * settings, the same links to the user's data and the figures typed into it; the report it came from
 * is left as it is (archive it as issued first, if it is to be kept as sent). Round trips: those of
 * reading the report, then the 2 of writing a new one (more only for requests over the size limit).
 *
 * @param next the next period's report from the stored settings and the sheets' contents
 * @param spills whether Excel has dynamic arrays to ask about (ExcelApi 1.12)
 * @throws RefreshRefusedError when the active sheet is not a report this add-in made; ReportWriteError after removing the new sheets
 */
export async function rollForwardReport(
  context: Excel.RequestContext,
  next: (settings: unknown, contents: SheetContents) => ReportSpec | undefined,
  spills = true,
): Promise<WriteResult> {
  const { stored, contents, syncs } = await readReport(context, { spills });
  const report = next(stored.settings, contents);
  if (report === undefined) throw new RefreshRefusedError("notReport");
  const written = await writeReport(context, report);
  return { ...written, syncs: syncs + written.syncs };
}
