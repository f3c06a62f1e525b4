import {
  Button, Checkbox, Dropdown, Field, Input, Label, makeStyles, MessageBar, MessageBarActions, MessageBarBody, Option, Radio, RadioGroup, Spinner, Text, tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useState, type FormEvent, type ReactElement } from "react";
import { fillTemplate, type Locale } from "../i18n/locale";
import { paneStrings, type PaneString } from "../i18n/paneStrings";
import { ALL_SECTIONS, dataNeeded, DEFAULT_TARGETS, DEFAULT_TREND_PERIODS, EMPTY_INPUTS, SAMPLE_INPUTS, type FormulaMode, type ReportOptions, type ReportSections } from "../report/buildReport";
import { latestPurchaseDay, reportPeriodChoices, type ReportPeriodKind } from "../report/reportPeriods";
import { formatDateText, parseDateText } from "./dateText";
import { checkPicks, DataSourceFields, type DataSourceState } from "./DataSourceFields";
import type { ExcelGateway } from "./gateway";

export interface CreateReportFormProps {
  readonly gateway: ExcelGateway;
  readonly locale: Locale;
  /** Today as an Excel serial (passed in so that tests are deterministic). */
  readonly today: number;
}

const CURRENCIES = ["CNY", "USD", "EUR", "GBP", "JPY", "HKD"] as const;

/** How many months and quarters the report period list offers, and the longest trend. */
const PERIOD_CHOICES: Readonly<Record<ReportPeriodKind, number>> = { month: 24, quarter: 12 };
const MAX_TREND_PERIODS = 60;

/** A title fits a heading cell and keeps the settings kept with the sheet well under Excel's formula length. */
const MAX_TITLE = 120;

/** The section checkboxes, in the order the report lays them out. */
const SECTIONS: readonly [keyof ReportSections, PaneString][] = [
  ["dimensions", "sectionDimensions"],
  ["satisfaction", "sectionSatisfaction"],
  ["lifecycle", "sectionLifecycle"],
  ["rfm", "sectionRfm"],
  ["charts", "sectionCharts"],
  ["trend", "sectionTrend"],
];

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  // Two fields share a row; labels of different lengths wrap, so the inputs line up at the bottom.
  row: { display: "flex", columnGap: tokens.spacingHorizontalM, alignItems: "end" },
  grow: { flexGrow: 1, flexBasis: 0, minWidth: 0 },
  fill: { width: "100%", minWidth: 0 },
  group: { display: "flex", flexDirection: "column", border: "none", margin: 0, padding: 0 },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

type Action = "create" | "refresh" | "archive" | "rollForward";
type Status =
  | { readonly kind: "idle" }
  | { readonly kind: "working"; readonly action: Action }
  | { readonly kind: "done"; readonly action: Action; readonly sheet: string }
  | { readonly kind: "refused"; readonly message: string; readonly discard?: boolean }
  | { readonly kind: "failed"; readonly action: Action; readonly reason: string; readonly rolledBack: boolean; readonly untouched: boolean };

/** What the pane says while an action runs, when it is done, and after it failed with or without putting the workbook back. */
const ACTION_TEXT: Readonly<Record<Action, Readonly<Record<"working" | "done" | "rolledBack" | "notRolledBack", PaneString>>>> = {
  create: { working: "creating", done: "created", rolledBack: "rolledBack", notRolledBack: "notRolledBack" },
  refresh: { working: "refreshing", done: "refreshed", rolledBack: "refreshRestored", notRolledBack: "refreshNotRestored" },
  archive: { working: "archiving", done: "archived", rolledBack: "archiveRemoved", notRolledBack: "archiveNotRemoved" },
  rollForward: { working: "rollingForward", done: "rolledForward", rolledBack: "rolledBack", notRolledBack: "notRolledBack" },
};

/** A failed write as the pane shows it: the reason, and whether the workbook was untouched, put back, or neither. */
function failure(action: Action, error: unknown): Status {
  const said = (typeof error === "object" && error !== null ? error : {}) as { rolledBack?: boolean; untouched?: boolean };
  return { kind: "failed", action, reason: error instanceof Error ? error.message : String(error), rolledBack: said.rolledBack === true, untouched: said.untouched === true };
}

/** The create-report form: every input is checked in its field before anything is written. */
export function CreateReportForm({ gateway, locale, today }: CreateReportFormProps): ReactElement {
  const styles = useStyles();
  const t = (key: PaneString, params: Record<string, string> = {}): string => fillTemplate(paneStrings[key][locale], params);
  const [title, setTitle] = useState<string>(t("defaultTitle"));
  // The report period: by default the last month complete by today (sample data) or by the picked
  // transactions' latest day; a month or a calendar quarter from the list, or any dates typed in.
  const [periodKind, setPeriodKind] = useState<ReportPeriodKind>("month");
  const [periodTouched, setPeriodTouched] = useState(false);
  const [start, setStart] = useState<string>(() => formatDateText((reportPeriodChoices("month", today, 1)[0] as { start: number }).start, locale));
  const [end, setEnd] = useState<string>(() => formatDateText((reportPeriodChoices("month", today, 1)[0] as { end: number }).end, locale));
  const [trendPeriods, setTrendPeriods] = useState<string>(String(DEFAULT_TREND_PERIODS));
  // a change of language rewrites the dates the new language's way
  useEffect(() => {
    const rewrite = (text: string): string => {
      const serial = parseDateText(text);
      return serial === undefined ? text : formatDateText(serial, locale);
    };
    setStart(rewrite);
    setEnd(rewrite);
  }, [locale]);
  const [currency, setCurrency] = useState<string>("CNY");
  const [ltvCac, setLtvCac] = useState<string>(String(DEFAULT_TARGETS.ltvCac));
  const [churn, setChurn] = useState<string>(String(DEFAULT_TARGETS.churn * 100));
  const [nps, setNps] = useState<string>(String(DEFAULT_TARGETS.nps));
  const [mode, setMode] = useState<FormulaMode>("cx");
  const [sections, setSections] = useState<ReportSections>(ALL_SECTIONS);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [data, setData] = useState<DataSourceState>({ choice: "sample", picks: {} });
  const latest = useMemo(() => (data.choice === "mine" && data.picks.transactions !== undefined ? latestPurchaseDay(data.picks.transactions.values) : undefined) ?? today, [data, today]);
  const choices = useMemo(() => reportPeriodChoices(periodKind, latest, PERIOD_CHOICES[periodKind]), [periodKind, latest]);
  const choose = (index: number, touched = true): void => {
    const choice = choices[index];
    if (choice === undefined) return;
    setStart(formatDateText(choice.start, locale));
    setEnd(formatDateText(choice.end, locale));
    setPeriodTouched(touched);
  };
  // Until the user picks or types a period, it follows the data: the last complete month or quarter.
  useEffect(() => {
    if (!periodTouched) choose(0, false);
  }, [choices]);

  const startSerial = parseDateText(start);
  const endSerial = parseDateText(end);
  const ltvCacValue = Number(ltvCac);
  const churnValue = Number(churn);
  const npsValue = Number(nps);
  const trendValue = Number(trendPeriods);
  const chosen = choices.findIndex((choice) => choice.start === startSerial && choice.end === endSerial);
  const problems: Partial<Record<"title" | "start" | "end" | "ltvCac" | "churn" | "nps" | "sections" | "trend", string>> = {};
  if (title.trim() === "") problems.title = t("titleRequired");
  else if (title.trim().length > MAX_TITLE) problems.title = t("titleTooLong", { max: String(MAX_TITLE) });
  if (startSerial === undefined) problems.start = t("dateRequired");
  if (endSerial === undefined) problems.end = t("dateRequired");
  else if (startSerial !== undefined && endSerial < startSerial) problems.end = t("periodOrder");
  if (!(ltvCac.trim() !== "" && ltvCacValue > 0)) problems.ltvCac = t("ltvCacRange");
  if (!(churn.trim() !== "" && churnValue >= 0 && churnValue <= 100)) problems.churn = t("churnRange");
  if (!(nps.trim() !== "" && npsValue >= -100 && npsValue <= 100)) problems.nps = t("npsRange");
  if (!(Number.isInteger(trendValue) && trendValue >= 2 && trendValue <= MAX_TREND_PERIODS)) problems.trend = t("trendRange", { max: String(MAX_TREND_PERIODS) });
  if (!(sections.dimensions || sections.satisfaction || sections.lifecycle || sections.rfm)) problems.sections = t("sectionsRequired");
  const needed = useMemo(() => dataNeeded(sections, data.choice === "mine" && data.fromQueries === true), [sections, data.choice, data.fromQueries]);
  // Checked once per change of what they depend on, not on every keystroke in the form: a pick may hold a million rows.
  const picks = useMemo(() => checkPicks(data, needed, mode === "portable", locale), [data, needed, mode, locale]);
  const valid = Object.keys(problems).length === 0 && Object.keys(picks.problems).length === 0;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!valid || status.kind === "working") return;
    setStatus({ kind: "working", action: "create" });
    const options: ReportOptions = {
      title: title.trim(), periodStart: startSerial as number, periodEnd: endSerial as number, currency, locale,
      formulaMode: mode, targets: { ...DEFAULT_TARGETS, ltvCac: ltvCacValue, churn: churnValue / 100, nps: npsValue }, generatedOn: today, sections, trendPeriods: trendValue,
      ...(data.choice === "sample" ? { inputs: SAMPLE_INPUTS } : { inputs: EMPTY_INPUTS, source: picks.source }),
    };
    try {
      const result = await gateway.createReport(options);
      setStatus({ kind: "done", action: "create", sheet: sheetList(result) });
    } catch (error) {
      setStatus(failure("create", error));
    }
  };

  /** Refresh, archive and roll forward act on the active sheet, and are refused the same way when it is not a report. */
  const onActiveSheet = async (action: "refresh" | "archive" | "rollForward", discardEdits = false): Promise<void> => {
    if (status.kind === "working") return;
    setStatus({ kind: "working", action });
    try {
      const result = await (action === "refresh" ? gateway.refreshReport(locale, today, discardEdits) : action === "archive" ? gateway.archiveReport(locale) : gateway.rollForwardReport(locale, today));
      setStatus({ kind: "done", action, sheet: sheetList(result) });
    } catch (error) {
      const refused = error as { reason?: unknown; cells?: readonly string[] };
      const cells = (refused.cells ?? []).join(", ");
      if (refused.reason === "notReport") setStatus({ kind: "refused", message: t("notReport") });
      else if (refused.reason === "missingSheets") setStatus({ kind: "refused", message: t("missingSheets", { sheets: sheetList({ sheetNames: refused.cells ?? [] }) }) });
      else if (refused.reason === "protected") setStatus({ kind: "refused", message: t("protectedSheets", { sheets: sheetList({ sheetNames: refused.cells ?? [] }) }) });
      else if (refused.reason === "editedCells") setStatus({ kind: "refused", message: t("editedCells", { cells }), discard: true });
      else if (refused.reason === "userCells" || refused.reason === "earlierLayout" || refused.reason === "notSettled" || refused.reason === "errorCells") setStatus({ kind: "refused", message: t(refused.reason, { cells }) });
      else setStatus(failure(action, error));
    }
  };

  /** The sheets an action wrote, each in quotes: “Report 2024-10”, “Data 2024-10”, “Workings 2024-10”. */
  const sheetList = (result: { readonly sheetName?: string; readonly sheetNames?: readonly string[] }): string =>
    (result.sheetNames ?? [result.sheetName ?? ""]).map((name) => `“${name}”`).join(locale === "zh-CN" ? "、" : ", ");

  return (
    <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate>
      <Field label={t("reportTitle")} required validationMessage={problems.title ?? null}>
        <Input value={title} onChange={(_, data) => setTitle(data.value)} />
      </Field>
      <div className={styles.row}>
        <Field className={styles.grow} label={t("periodKind")}>
          <Dropdown className={styles.fill} value={t(periodKind === "month" ? "periodMonth" : "periodQuarter")} selectedOptions={[periodKind]}
            onOptionSelect={(_, data) => { setPeriodKind(data.optionValue === "quarter" ? "quarter" : "month"); setPeriodTouched(false); }}>
            <Option value="month">{t("periodMonth")}</Option>
            <Option value="quarter">{t("periodQuarter")}</Option>
          </Dropdown>
        </Field>
        <Field className={styles.grow} label={t("reportPeriod")}>
          <Dropdown className={styles.fill} value={chosen >= 0 ? (choices[chosen] as { label: string }).label : t("periodCustom")} selectedOptions={chosen >= 0 ? [String(chosen)] : []}
            onOptionSelect={(_, data) => choose(Number(data.optionValue))}>
            {choices.map((choice, i) => <Option key={choice.label} value={String(i)}>{choice.label}</Option>)}
          </Dropdown>
        </Field>
      </div>
      <div className={styles.row}>
        <Field className={styles.grow} label={t("periodStart")} validationMessage={problems.start ?? null}>
          <Input className={styles.fill} value={start} placeholder={t("datePlaceholder")} onChange={(_, data) => { setStart(data.value); setPeriodTouched(true); }} />
        </Field>
        <Field className={styles.grow} label={t("periodEnd")} validationMessage={problems.end ?? null}>
          <Input className={styles.fill} value={end} placeholder={t("datePlaceholder")} onChange={(_, data) => { setEnd(data.value); setPeriodTouched(true); }} />
        </Field>
      </div>
      <Field label={t("trendPeriods")} hint={t("trendPeriodsHint")} validationMessage={problems.trend ?? null}>
        <Input type="number" value={trendPeriods} onChange={(_, data) => setTrendPeriods(data.value)} />
      </Field>
      <Field label={t("currency")}>
        <Dropdown value={currency} selectedOptions={[currency]} onOptionSelect={(_, data) => setCurrency(data.optionValue ?? "CNY")}>
          {CURRENCIES.map((code) => <Option key={code} value={code}>{code}</Option>)}
        </Dropdown>
      </Field>
      <div className={styles.row}>
        <Field className={styles.grow} label={t("targetLtvCac")} validationMessage={problems.ltvCac ?? null}>
          <Input className={styles.fill} type="number" value={ltvCac} onChange={(_, data) => setLtvCac(data.value)} />
        </Field>
        <Field className={styles.grow} label={t("targetChurn")} validationMessage={problems.churn ?? null}>
          <Input className={styles.fill} type="number" value={churn} onChange={(_, data) => setChurn(data.value)} />
        </Field>
      </div>
      <Field label={t("targetNps")} validationMessage={problems.nps ?? null}>
        <Input className={styles.fill} type="number" value={nps} onChange={(_, data) => setNps(data.value)} />
      </Field>
      {/* A fieldset, not a Field: a Field gives its one id to every checkbox inside it, which breaks their labels. */}
      <fieldset className={styles.group} aria-describedby={problems.sections === undefined ? undefined : "sections-problem"}>
        <legend><Label weight="semibold">{t("sections")}</Label></legend>
        {SECTIONS.map(([key, text]) => (
          <Checkbox key={key} label={t(text)} checked={sections[key]} onChange={(_, data) => setSections((current) => ({ ...current, [key]: data.checked === true }))} />
        ))}
        {problems.sections !== undefined && <Text id="sections-problem" role="alert" className={styles.problem}>{problems.sections}</Text>}
      </fieldset>
      <Field label={t("formulaMode")} hint={t("modeHelp")}>
        <RadioGroup value={mode} onChange={(_, data) => setMode(data.value as FormulaMode)}>
          <Radio value="cx" label={t("modeCx")} />
          <Radio value="portable" label={t("modePortable")} />
        </RadioGroup>
      </Field>
      <DataSourceFields gateway={gateway} locale={locale} state={data} onChange={setData} needed={needed} checked={picks} />
      <Button appearance="primary" type="submit" disabled={!valid || status.kind === "working"}>{t("create")}</Button>
      <Field hint={t("refreshHelp")}>
        <Button appearance="secondary" onClick={() => void onActiveSheet("refresh")} disabled={status.kind === "working"}>{t("refresh")}</Button>
      </Field>
      <Field hint={t("archiveHelp")}>
        <Button appearance="secondary" onClick={() => void onActiveSheet("archive")} disabled={status.kind === "working"}>{t("archive")}</Button>
      </Field>
      <Field hint={t("rollForwardHelp")}>
        <Button appearance="secondary" onClick={() => void onActiveSheet("rollForward")} disabled={status.kind === "working"}>{t("rollForward")}</Button>
      </Field>
      {status.kind === "working" && <Spinner size="small" label={t(ACTION_TEXT[status.action].working)} />}
      {status.kind === "done" && (
        <MessageBar intent="success"><MessageBarBody>{t(ACTION_TEXT[status.action].done, { sheet: status.sheet })}</MessageBarBody></MessageBar>
      )}
      {status.kind === "refused" && (
        <MessageBar intent="warning">
          <MessageBarBody>{status.message}</MessageBarBody>
          {status.discard === true && <MessageBarActions><Button size="small" onClick={() => void onActiveSheet("refresh", true)}>{t("discardEdits")}</Button></MessageBarActions>}
        </MessageBar>
      )}
      {status.kind === "failed" && (
        <MessageBar intent="error">
          <MessageBarBody>
            {t("failed", { reason: status.reason })}{" "}
            {t(status.untouched ? "untouched" : status.rolledBack ? ACTION_TEXT[status.action].rolledBack : ACTION_TEXT[status.action].notRolledBack)}
          </MessageBarBody>
        </MessageBar>
      )}
    </form>
  );
}
