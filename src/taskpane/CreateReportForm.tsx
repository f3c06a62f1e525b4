import { Button, Checkbox, Dropdown, Field, Option, Radio, RadioGroup, Text } from "@fluentui/react-components";
import { useEffect, useMemo, useState, type FormEvent, type ReactElement } from "react";
import { fillTemplate, type Locale } from "../i18n/locale";
import { paneStrings, type PaneString } from "../i18n/paneStrings";
import { dataNeeded, SAMPLE_UNIT_NAMES } from "../report/buildReport";
import { latestPurchaseDay, reportPeriodChoices, type ReportPeriodKind } from "../report/reportPeriods";
import { formatDateText, parseDateText } from "./dateText";
import { mappedColumns, type PickKind } from "../report/dataSource";
import { ActionStatus, failure, sheetList, type Status } from "./ActionStatus";
import { checkPicks, DataSourceFields, type DataChoice, type DataSourceState } from "./DataSourceFields";
import { useFormStyles } from "./formStyles";
import type { ExcelGateway } from "./gateway";
import { MonthEndPanel } from "./MonthEndPanel";
import { MoreOptions } from "./MoreOptions";
import { FIELD_NAMES, formProblems, initialValues, reportOptionsOf, type FormValues, type Problems } from "./reportForm";

export interface CreateReportFormProps {
  readonly gateway: ExcelGateway;
  readonly locale: Locale;
  /** Today as an Excel serial (passed in so that tests are deterministic). */
  readonly today: number;
}

/** How many months and quarters the report period list offers. */
const PERIOD_CHOICES: Readonly<Record<ReportPeriodKind, number>> = { month: 24, quarter: 12 };

/** Data a report can be made without: left out, the figures that need it show a dash. */
const OPTIONAL_KINDS: readonly PickKind[] = ["survey", "costs", "budget"];

/**
 * The create-report form. It opens on the one question that matters (your transactions, or sample
 * data to try), then the period and Create, whose progress and result show under it; everything
 * else has a good default under "More options". Every input is checked in its field before anything
 * is written, and Create says why while it cannot run. The month-end steps follow it.
 */
export function CreateReportForm({ gateway, locale, today }: CreateReportFormProps): ReactElement {
  const styles = useFormStyles();
  const t = (key: PaneString, params: Record<string, string> = {}): string => fillTemplate(paneStrings[key][locale], params);
  const [values, setValues] = useState<FormValues>(() => {
    const month = reportPeriodChoices("month", today, 1)[0] as { start: number; end: number };
    return { ...initialValues(t("defaultTitle")), start: formatDateText(month.start, locale), end: formatDateText(month.end, locale) };
  });
  const change = (patch: Partial<FormValues>): void => setValues((current) => ({ ...current, ...patch }));
  // The report period: by default the last month complete by today (sample data) or by the picked
  // transactions' latest day; a month or a calendar quarter from the list, or any dates typed in.
  const [periodKind, setPeriodKind] = useState<ReportPeriodKind>("month");
  const [periodTouched, setPeriodTouched] = useState(false);
  // a change of language rewrites the dates the new language's way
  useEffect(() => {
    const rewrite = (text: string): string => {
      const serial = parseDateText(text);
      return serial === undefined ? text : formatDateText(serial, locale);
    };
    setValues((current) => ({ ...current, start: rewrite(current.start), end: rewrite(current.end) }));
  }, [locale]);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [data, setData] = useState<DataSourceState>({ choice: "mine", picks: {} });
  const latest = useMemo(() => (data.choice === "mine" && data.picks.transactions !== undefined ? latestPurchaseDay(pickedDates(data)) : undefined) ?? today, [data, today]);
  const choices = useMemo(() => reportPeriodChoices(periodKind, latest, PERIOD_CHOICES[periodKind]), [periodKind, latest]);
  const choose = (index: number, touched = true): void => {
    const choice = choices[index];
    if (choice === undefined) return;
    change({ start: formatDateText(choice.start, locale), end: formatDateText(choice.end, locale) });
    setPeriodTouched(touched);
  };
  // Until the user picks or types a period, it follows the data: the last complete month or quarter.
  useEffect(() => {
    if (!periodTouched) choose(0, false);
  }, [choices]);

  const [startSerial, endSerial] = [parseDateText(values.start), parseDateText(values.end)];
  const chosen = choices.findIndex((choice) => choice.start === startSerial && choice.end === endSerial);
  const problems = formProblems(values, t);
  const fromQueries = data.choice === "mine" && data.fromQueries === true;
  const needed = useMemo(() => dataNeeded(values.sections, fromQueries), [values.sections, fromQueries]);
  const required = needed.filter((kind) => !OPTIONAL_KINDS.includes(kind));
  const optional = needed.filter((kind) => OPTIONAL_KINDS.includes(kind));
  // Checked once per change of what they depend on, not on every keystroke in the form: a pick may hold a million rows.
  const picks = useMemo(() => checkPicks(data, required, optional, values.mode === "portable", locale), [data, needed, values.mode, locale]);
  const valid = Object.keys(problems).length === 0 && Object.keys(picks.problems).length === 0;
  // Why Create cannot run yet, said beside it: the data to link, the fields to mend.
  const blocked = [
    ...(Object.keys(picks.problems).length > 0 ? [t("blockedTransactions")] : []),
    ...(Object.keys(problems).length > 0 ? [t("blockedFields", { fields: Object.keys(problems).map((key) => t(FIELD_NAMES[key as keyof Problems])).join(locale === "zh-CN" ? "、" : ", ") })] : []),
  ];

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!valid || status.kind === "working") return;
    setStatus({ kind: "working", action: "create", step: t("computing") });
    const options = reportOptionsOf(values, data.choice === "sample" ? { sample: true } : { sample: false, source: picks.source }, locale, today);
    try {
      const result = await gateway.createReport(options, (progress) => setStatus({
        kind: "working", action: "create", step: progress.step === "computing" ? t("computing") : t("writingStep", { done: String(progress.done), total: String(progress.total) }),
      }));
      setStatus({ kind: "done", action: "create", sheet: sheetList(result, locale === "zh-CN") });
    } catch (error) {
      setStatus(failure("create", error));
    }
  };

  // The data's unit columns: the sample's region and channel, or those found in the picked transactions.
  const unitNames = data.choice === "sample" ? SAMPLE_UNIT_NAMES.map((name) => name[locale]) : (picks.source.transactions?.units ?? []).map((unit) => unit.name);
  const fields = (show: "required" | "optional") => (
    <DataSourceFields gateway={gateway} locale={locale} state={data} onChange={setData} required={required} optional={optional} show={show} checked={picks} />
  );
  const optionalData = data.choice === "mine" ? (
    <>
      {fields("optional")}
      <Checkbox checked={data.fromQueries === true} label={t("fromQueries")} onChange={(_, value) => setData({ ...data, fromQueries: value.checked === true })} />
    </>
  ) : undefined;
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
        <MoreOptions t={t} locale={locale} values={values} problems={problems} optionalData={optionalData} unitNames={unitNames}
          onChange={(patch, datesTyped) => { change(patch); if (datesTyped === true) setPeriodTouched(true); }} />
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
