/** What the writer's month-end steps answer: what they wrote, or why they did not, and in what state they left the workbook. */

/** How far a write has come, for the pane to show: each request of the write as it is sent. */
export type WriteProgress = (done: number, total: number) => void;

export interface WriteResult {
  /** The sheet the user lands on: the report's dashboard (or the archive). */
  readonly sheetName: string;
  /** Every sheet written, the dashboard first. */
  readonly sheetNames?: readonly string[];
  /** context.sync round trips used: 2 for a report of ordinary size (look, write); more only for requests over the size limit. */
  readonly syncs: number;
}

/**
 * A write Excel rejected, and what became of the workbook: `untouched`, it failed before anything
 * was changed (while reading); `rolledBack`, everything the run changed was put back or removed;
 * neither, Excel refused even that, and the message must say so.
 */
export class ReportWriteError extends Error {
  readonly rolledBack: boolean;
  readonly untouched: boolean;
  constructor(cause: unknown, rolledBack: boolean, untouched = false) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "ReportWriteError";
    this.rolledBack = rolledBack || untouched;
    this.untouched = untouched;
  }
}

/**
 * Why a month-end step did not start (nothing was changed):
 * - notReport: the active sheet is not a report this add-in made;
 * - missingSheets: a sheet of the report is gone (`cells` names it);
 * - userCells: the user's own cells lie beside the report, which a refresh would wipe;
 * - earlierLayout: a report from before the sheets listed their cells, laid out otherwise;
 * - editedCells: the user typed over the report's formulas (refresh can overwrite them on request);
 * - protected: a sheet of the report is protected (`cells` names it);
 * - notSettled: its functions were still calculating (#BUSY!) when it was to be issued;
 * - errorCells: it shows error values, which an issued report must not freeze;
 * - notEnded: its period has not ended, so it cannot have been issued (`cells` names the period and its last day).
 */
export type RefusalReason = "notReport" | "missingSheets" | "userCells" | "earlierLayout" | "editedCells" | "protected" | "notSettled" | "errorCells" | "notEnded" | "noUnits" | "tooManyUnits";

export class RefreshRefusedError extends Error {
  readonly reason: RefusalReason;
  /** The cells concerned (first few), or the sheets for "missingSheets" and "protected". */
  readonly cells: readonly string[];
  constructor(reason: RefusalReason, cells: readonly string[] = []) {
    super(`${reason}${cells.length > 0 ? `: ${cells.join(", ")}` : ""}`);
    this.name = "RefreshRefusedError";
    this.reason = reason;
    this.cells = cells;
  }
}
