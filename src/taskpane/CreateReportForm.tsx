import {
  Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, Checkbox, Dropdown, Field, Input, Label, makeStyles, Option, Radio, RadioGroup, Text, tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useState, type FormEvent, type ReactElement } from "react";
import { fillTemplate, type Locale } from "../i18n/locale";
import { paneStrings, type PaneString } from "../i18n/paneStrings";
import { ALL_SECTIONS, dataNeeded, DEFAULT_TARGETS, DEFAULT_TREND_PERIODS, EMPTY_INPUTS, SAMPLE_INPUTS, type FormulaMode, type ReportOptions, type ReportSections } from "../report/buildReport";
import { latestPurchaseDay, reportPeriodChoices, type ReportPeriodKind } from "../report/reportPeriods";
import { formatDateText, parseDateText } from "./dateText";
import { mappedColumns, type PickKind } from "../report/dataSource";
import { ActionStatus, failure, sheetList, type Status } from "./ActionStatus";
import { checkPicks, DataSourceFields, type DataChoice, type DataSourceState } from "./DataSourceFields";
import type { ExcelGateway } from "./gateway";
import { MonthEndPanel } from "./MonthEndPanel";

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
  // Dates side by side where they fit whole ("2026年11月30日" needs about 150 px), one under the other in a narrow pane.
  dates: { display: "flex", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalM, flexWrap: "wrap", alignItems: "end" },
  date: { flexGrow: 1, flexBasis: "150px", minWidth: "150px" },
  fill: { width: "100%", minWidth: 0 },
  group: { display: "flex", flexDirection: "column", border: "none", margin: 0, padding: 0 },
  problem: { color: tokens.colorPaletteRedForeground1 },
  more: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
});

/** What each section needs beyond the transactions, said beside its checkbox. */
const SECTION_NEEDS: Readonly<Partial<Record<keyof ReportSections, PaneString>>> = {
  dimensions: "sectionNeeds_dimensions", satisfaction: "sectionNeeds_satisfaction", lifecycle: "sectionNeeds_lifecycle", rfm: "sectionNeeds_rfm", trend: "sectionNeeds_trend",
};

/** Data a report can be made without: left out, the figures that need it show a dash. */
const OPTIONAL_KINDS: readonly PickKind[] = ["survey", "costs"];

/**
 * The create-report form. It opens on the one question that matters (your transactions, or sample
 * data to try), then the period and Create, whose progress and result show under it; everything
 * else has a good default under "More options". Every input is checked in its field before anything
 * is written, and Create says why while it cannot run. The month-end steps follow it.
 */
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
  const [data, setData] = useState<DataSourceState>({ choice: "mine", picks: {} });
  const latest = useMemo(() => (data.choice === "mine" && data.picks.transactions !== undefined ? latestPurchaseDay(pickedDates(data)) : undefined) ?? today, [data, today]);
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
  const fromQueries = data.choice === "mine" && data.fromQueries === true;
  const needed = useMemo(() => dataNeeded(sections, fromQueries), [sections, fromQueries]);
  const required = needed.filter((kind) => !OPTIONAL_KINDS.includes(kind));
  const optional = needed.filter((kind) => OPTIONAL_KINDS.includes(kind));
  // Checked once per change of what they depend on, not on every keystroke in the form: a pick may hold a million rows.
  const picks = useMemo(() => checkPicks(data, required, optional, mode === "portable", locale), [data, needed, mode, locale]);
  const valid = Object.keys(problems).length === 0 && Object.keys(picks.problems).length === 0;
  // Why Create cannot run yet, said beside it: the data to link, the fields to mend.
  const fieldNames: Readonly<Record<keyof typeof problems, PaneString>> = { title: "reportTitle", start: "periodStart", end: "periodEnd", ltvCac: "targetLtvCac", churn: "targetChurn", nps: "targetNps", sections: "sections", trend: "trendPeriods" };
  const blocked = [
    ...(Object.keys(picks.problems).length > 0 ? [t("blockedTransactions")] : []),
    ...(Object.keys(problems).length > 0 ? [t("blockedFields", { fields: Object.keys(problems).map((key) => t(fieldNames[key as keyof typeof problems])).join(locale === "zh-CN" ? "、" : ", ") })] : []),
  ];

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!valid || status.kind === "working") return;
    setStatus({ kind: "working", action: "create", step: t("computing") });
    const options: ReportOptions = {
      title: title.trim(), periodStart: startSerial as number, periodEnd: endSerial as number, currency, locale,
      formulaMode: mode, targets: { ...DEFAULT_TARGETS, ltvCac: ltvCacValue, churn: churnValue / 100, nps: npsValue }, generatedOn: today, sections, trendPeriods: trendValue,
      ...(data.choice === "sample" ? { inputs: SAMPLE_INPUTS } : { inputs: EMPTY_INPUTS, source: picks.source }),
    };
    try {
      const result = await gateway.createReport(options, (progress) => setStatus({
        kind: "working", action: "create", step: progress.step === "computing" ? t("computing") : t("writingStep", { done: String(progress.done), total: String(progress.total) }),
      }));
      setStatus({ kind: "done", action: "create", sheet: sheetList(result, locale === "zh-CN") });
    } catch (error) {
      setStatus(failure("create", error));
    }
  };

  const fields = (show: "required" | "optional") => (
    <DataSourceFields gateway={gateway} locale={locale} state={data} onChange={setData} required={required} optional={optional} show={show} checked={picks} />
  );
  return (
    <>
      <form className={styles.form} onSubmit={(event) => void submit(event)} noValidate>
        <Field label={t("startQuestion")}>
          <RadioGroup value={data.choice} onChange={(_, value) => setData({ ...data, choice: value.value as DataChoice })}>
            <Radio value="mine" label={t("dataMineTransactions")} />
            <Radio value="sample" label={t("dataTrySample")} />
          </RadioGroup>
        </Field>
        {data.choice === "mine" && <Text size={200}>{t(fromQueries ? "mineHelp" : "transactionsHint")}</Text>}
        {data.choice === "mine" && fields("required")}
        {data.choice === "sample" && <Text size={200}>{t("sampleData")}</Text>}
        <div className={styles.row}>
          <Field className={styles.grow} label={t("periodKind")}>
            <Dropdown className={styles.fill} value={t(periodKind === "month" ? "periodMonth" : "periodQuarter")} selectedOptions={[periodKind]}
              onOptionSelect={(_, value) => { setPeriodKind(value.optionValue === "quarter" ? "quarter" : "month"); setPeriodTouched(false); }}>
              <Option value="month">{t("periodMonth")}</Option>
              <Option value="quarter">{t("periodQuarter")}</Option>
            </Dropdown>
          </Field>
          <Field className={styles.grow} label={t("reportPeriod")}>
            <Dropdown className={styles.fill} value={chosen >= 0 ? (choices[chosen] as { label: string }).label : t("periodCustom")} selectedOptions={chosen >= 0 ? [String(chosen)] : []}
              onOptionSelect={(_, value) => choose(Number(value.optionValue))}>
              {choices.map((choice, i) => <Option key={choice.label} value={String(i)}>{choice.label}</Option>)}
            </Dropdown>
          </Field>
        </div>
        <Button appearance="primary" type="submit" disabled={!valid || status.kind === "working"} aria-describedby={valid ? undefined : "create-blocked"}>{t("create")}</Button>
        {!valid && <Text id="create-blocked" size={200} className={styles.problem}>{t("createBlocked", { reasons: blocked.join(locale === "zh-CN" ? "；" : "; ") })}</Text>}
        <ActionStatus status={status} t={t} />
        <Accordion collapsible>
          <AccordionItem value="more">
            <AccordionHeader>{t("moreOptions")}</AccordionHeader>
            <AccordionPanel>
              <div className={styles.more}>
                <Field label={t("reportTitle")} required validationMessage={problems.title ?? null}>
                  <Input value={title} onChange={(_, value) => setTitle(value.value)} />
                </Field>
                <div className={styles.dates}>
                  <Field className={styles.date} label={t("periodStart")} validationMessage={problems.start ?? null}>
                    <Input className={styles.fill} value={start} placeholder={t("datePlaceholder")} onChange={(_, value) => { setStart(value.value); setPeriodTouched(true); }} />
                  </Field>
                  <Field className={styles.date} label={t("periodEnd")} validationMessage={problems.end ?? null}>
                    <Input className={styles.fill} value={end} placeholder={t("datePlaceholder")} onChange={(_, value) => { setEnd(value.value); setPeriodTouched(true); }} />
                  </Field>
                </div>
                <Field label={t("trendPeriods")} hint={t("trendPeriodsHint")} validationMessage={problems.trend ?? null}>
                  <Input type="number" value={trendPeriods} onChange={(_, value) => setTrendPeriods(value.value)} />
                </Field>
                <Field label={t("currency")}>
                  <Dropdown value={currency} selectedOptions={[currency]} onOptionSelect={(_, value) => setCurrency(value.optionValue ?? "CNY")}>
                    {CURRENCIES.map((code) => <Option key={code} value={code}>{code}</Option>)}
                  </Dropdown>
                </Field>
                <div className={styles.row}>
                  <Field className={styles.grow} label={t("targetLtvCac")} validationMessage={problems.ltvCac ?? null}>
                    <Input className={styles.fill} type="number" value={ltvCac} onChange={(_, value) => setLtvCac(value.value)} />
                  </Field>
                  <Field className={styles.grow} label={t("targetChurn")} validationMessage={problems.churn ?? null}>
                    <Input className={styles.fill} type="number" value={churn} onChange={(_, value) => setChurn(value.value)} />
                  </Field>
                </div>
                <Field label={t("targetNps")} validationMessage={problems.nps ?? null}>
                  <Input className={styles.fill} type="number" value={nps} onChange={(_, value) => setNps(value.value)} />
                </Field>
                {/* A fieldset, not a Field: a Field gives its one id to every checkbox inside it, which breaks their labels. */}
                <fieldset className={styles.group} aria-describedby={problems.sections === undefined ? undefined : "sections-problem"}>
                  <legend><Label weight="semibold">{t("sections")}</Label></legend>
                  {SECTIONS.map(([key, text]) => {
                    const needs = SECTION_NEEDS[key];
                    return (
                      <Checkbox key={key} label={needs === undefined ? t(text) : `${t(text)} (${t(needs)})`} checked={sections[key]}
                        onChange={(_, value) => setSections((current) => ({ ...current, [key]: value.checked === true }))} />
                    );
                  })}
                  {problems.sections !== undefined && <Text id="sections-problem" role="alert" className={styles.problem}>{problems.sections}</Text>}
                </fieldset>
                <Field label={t("formulaMode")} hint={t("modeHelp")}>
                  <RadioGroup value={mode} onChange={(_, value) => setMode(value.value as FormulaMode)}>
                    <Radio value="cx" label={t("modeCx")} />
                    <Radio value="portable" label={t("modePortable")} />
                  </RadioGroup>
                </Field>
                {data.choice === "mine" && (
                  <fieldset className={styles.group}>
                    <legend><Label weight="semibold">{t("optionalData")}</Label></legend>
                    {fields("optional")}
                    <Checkbox checked={data.fromQueries === true} label={t("fromQueries")} onChange={(_, value) => setData({ ...data, fromQueries: value.checked === true })} />
                  </fieldset>
                )}
              </div>
            </AccordionPanel>
          </AccordionItem>
        </Accordion>
      </form>
      <MonthEndPanel gateway={gateway} locale={locale} today={today} />
    </>
  );
}

/** The picked transactions' dates, read through the columns mapped in them, for the default period. */
function pickedDates(data: DataSourceState): readonly (readonly unknown[])[] {
  const pick = data.picks.transactions;
  if (pick === undefined) return [];
  const mapped = mappedColumns("transactions", pick, data.fields?.transactions);
  if (mapped === undefined) return pick.values;
  const at = mapped.map((column, j) => column ?? j);
  return pick.values.map((row) => at.map((column) => row[column]));
}
