import { Button, Field, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useState, type ReactElement } from "react";
import { isoDateOfSerial } from "../core/dates";
import { fillTemplate, type Locale } from "../i18n/locale";
import { paneStrings, type PaneString } from "../i18n/paneStrings";
import { ActionStatus, failure, sheetList, type Status } from "./ActionStatus";
import type { ActiveReport, ExcelGateway } from "./gateway";

const useStyles = makeStyles({
  panel: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, marginTop: tokens.spacingVerticalXL },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
});

export interface MonthEndPanelProps {
  readonly gateway: ExcelGateway;
  readonly locale: Locale;
  /** Today as an Excel serial. */
  readonly today: number;
}

/**
 * The month-end steps on the active report: refresh, archive as issued, roll forward. Each button
 * names the report's period; they are disabled, with the reason, where the active sheet is not a
 * report, and archive is where the period has not ended (it cannot have been issued yet).
 */
export function MonthEndPanel({ gateway, locale, today }: MonthEndPanelProps): ReactElement {
  const styles = useStyles();
  const t = (key: PaneString, params: Record<string, string> = {}): string => fillTemplate(paneStrings[key][locale], params);
  const [active, setActive] = useState<ActiveReport | undefined>(undefined);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const look = useCallback(() => void gateway.activeReport().then(setActive, () => setActive({ kind: "other" })), [gateway]);
  useEffect(() => {
    look();
    let stop: (() => void) | undefined;
    let gone = false;
    gateway.onActiveSheetChanged(look).then((unsubscribe) => (gone ? unsubscribe() : (stop = unsubscribe)), () => undefined);
    return () => {
      gone = true;
      stop?.();
    };
  }, [gateway, look]);

  const report = active?.kind === "report" ? active : undefined;
  const ended = report !== undefined && report.periodEnd < today;
  const run = async (action: "refresh" | "archive" | "archiveUnits" | "rollForward", discardEdits = false): Promise<void> => {
    if (status.kind === "working" || report === undefined) return;
    setStatus({ kind: "working", action });
    try {
      const result = await (action === "refresh" ? gateway.refreshReport(locale, today, discardEdits) : action === "archive" ? gateway.archiveReport(locale, today)
        : action === "archiveUnits" ? gateway.archiveEachUnit(locale, today) : gateway.rollForwardReport(locale, today));
      setStatus({ kind: "done", action, sheet: sheetList(result, locale === "zh-CN"), ...(action === "rollForward" ? { after: t("archiveFirst", { period: report.period }) } : {}) });
    } catch (error) {
      const refused = error as { reason?: unknown; cells?: readonly string[] };
      const cells = (refused.cells ?? []).join(", ");
      const sheets = sheetList({ sheetNames: refused.cells ?? [] }, locale === "zh-CN");
      if (refused.reason === "notReport") setStatus({ kind: "refused", message: t("notReport") });
      else if (refused.reason === "missingSheets") setStatus({ kind: "refused", message: t("missingSheets", { sheets }) });
      else if (refused.reason === "protected") setStatus({ kind: "refused", message: t("protectedSheets", { sheets }) });
      else if (refused.reason === "editedCells") setStatus({ kind: "refused", message: t("editedCells", { cells }), discard: true });
      else if (refused.reason === "noUnits" || refused.reason === "tooManyUnits") setStatus({ kind: "refused", message: t(refused.reason, { cells: refused.cells?.[0] ?? "" }) });
      else if (refused.reason === "notEnded") setStatus({ kind: "refused", message: t("notEnded", { period: refused.cells?.[0] ?? "", end: refused.cells?.[1] ?? "" }) });
      else if (refused.reason === "userCells" || refused.reason === "earlierLayout" || refused.reason === "notSettled" || refused.reason === "errorCells") setStatus({ kind: "refused", message: t(refused.reason, { cells }) });
      else setStatus(failure(action, error));
    }
    look();
  };

  const busy = status.kind === "working";
  const period = report?.period ?? "";
  return (
    <section className={styles.panel} aria-label={t("monthEnd")}>
      <Text weight="semibold">{t("monthEnd")}</Text>
      <Text size={200}>
        {report !== undefined ? t("activeReport", { title: report.title, period })
          : active?.kind === "issued" ? t("activeIssued", { period: active.period, report: active.report }) : t("noActiveReport")}
      </Text>
      <Field hint={t("refreshHelp")}>
        <Button appearance="secondary" onClick={() => void run("refresh")} disabled={busy || report === undefined}>{report === undefined ? t("refresh") : t("refreshPeriod", { period })}</Button>
      </Field>
      <Field hint={t("archiveHelp")}>
        <Button appearance="secondary" onClick={() => void run("archive")} disabled={busy || report === undefined || !ended}>{report === undefined ? t("archive") : t("archivePeriod", { period })}</Button>
        {report !== undefined && !ended && <Text size={200} className={styles.warning}>{t("notEnded", { period, end: isoDateOfSerial(report.periodEnd) })}</Text>}
      </Field>
      {report?.units === true && (
        <Field hint={t("archiveUnitsHelp")}>
          <Button appearance="secondary" onClick={() => void run("archiveUnits")} disabled={busy || !ended}>{t("archiveUnitsPeriod", { period })}</Button>
        </Field>
      )}
      <Field hint={t("rollForwardHelp")}>
        <Button appearance="secondary" onClick={() => void run("rollForward")} disabled={busy || report === undefined}>{report === undefined ? t("rollForward") : t("rollForwardPeriod", { period })}</Button>
      </Field>
      <ActionStatus status={status} t={t} onDiscard={() => void run("refresh", true)} />
    </section>
  );
}
