import { Button, MessageBar, MessageBarActions, MessageBarBody, Spinner } from "@fluentui/react-components";
import type { ReactElement } from "react";
import type { PaneString } from "../i18n/paneStrings";

/** What the pane does with Excel: create a report, or a month-end step on the active one. */
export type Action = "create" | "refresh" | "archive" | "archiveUnits" | "rollForward";

export type Status =
  | { readonly kind: "idle" }
  | { readonly kind: "working"; readonly action: Action; readonly step?: string }
  | { readonly kind: "done"; readonly action: Action; readonly sheet: string; readonly after?: string }
  | { readonly kind: "refused"; readonly message: string; readonly discard?: boolean }
  | { readonly kind: "failed"; readonly action: Action; readonly reason: string; readonly rolledBack: boolean; readonly untouched: boolean };

/** What the pane says while an action runs, when it is done, and after it failed with or without putting the workbook back. */
export const ACTION_TEXT: Readonly<Record<Action, Readonly<Record<"working" | "done" | "rolledBack" | "notRolledBack", PaneString>>>> = {
  create: { working: "creating", done: "created", rolledBack: "rolledBack", notRolledBack: "notRolledBack" },
  refresh: { working: "refreshing", done: "refreshed", rolledBack: "refreshRestored", notRolledBack: "refreshNotRestored" },
  archive: { working: "archiving", done: "archived", rolledBack: "archiveRemoved", notRolledBack: "archiveNotRemoved" },
  archiveUnits: { working: "archivingUnits", done: "archivedUnits", rolledBack: "archiveUnitsRemoved", notRolledBack: "archiveNotRemoved" },
  rollForward: { working: "rollingForward", done: "rolledForward", rolledBack: "rolledBack", notRolledBack: "notRolledBack" },
};

/** A failed write as the pane shows it: the reason, and whether the workbook was untouched, put back, or neither. */
export function failure(action: Action, error: unknown): Status {
  const said = (typeof error === "object" && error !== null ? error : {}) as { rolledBack?: boolean; untouched?: boolean };
  return { kind: "failed", action, reason: error instanceof Error ? error.message : String(error), rolledBack: said.rolledBack === true, untouched: said.untouched === true };
}

/** The sheets an action wrote, each in quotes: “Report 2024-10”, “Data 2024-10”, “Workings 2024-10”. */
export function sheetList(result: { readonly sheetName?: string; readonly sheetNames?: readonly string[] }, chinese: boolean): string {
  return (result.sheetNames ?? [result.sheetName ?? ""]).map((name) => `“${name}”`).join(chinese ? "、" : ", ");
}

/** An action's progress or outcome, where the user is looking: under the button that started it. */
export function ActionStatus({ status, t, onDiscard }: {
  readonly status: Status;
  readonly t: (key: PaneString, params?: Record<string, string>) => string;
  readonly onDiscard?: () => void;
}): ReactElement | null {
  switch (status.kind) {
    case "idle": return null;
    case "working": return <Spinner size="small" label={status.step ?? t(ACTION_TEXT[status.action].working)} />;
    case "done": return (
      <MessageBar intent="success"><MessageBarBody>{t(ACTION_TEXT[status.action].done, { sheet: status.sheet })}{status.after === undefined ? "" : ` ${status.after}`}</MessageBarBody></MessageBar>
    );
    case "refused": return (
      <MessageBar intent="warning">
        <MessageBarBody>{status.message}</MessageBarBody>
        {status.discard === true && onDiscard !== undefined && <MessageBarActions><Button size="small" onClick={onDiscard}>{t("discardEdits")}</Button></MessageBarActions>}
      </MessageBar>
    );
    case "failed": return (
      <MessageBar intent="error">
        <MessageBarBody>
          {t("failed", { reason: status.reason })}{" "}
          {t(status.untouched ? "untouched" : status.rolledBack ? ACTION_TEXT[status.action].rolledBack : ACTION_TEXT[status.action].notRolledBack)}
        </MessageBarBody>
      </MessageBar>
    );
  }
}
