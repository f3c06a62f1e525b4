/**
 * "More options" of the create-report form: everything with a good default (title, the period's
 * exact dates, the trend's length, the fiscal year's first month, currency and 万元, targets, sections, formula mode) and, for the user's own
 * data, the optional data and query results. Each field shows its problem under it.
 */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Checkbox, Dropdown, Field, Input, Label, Option, Radio, RadioGroup, Text } from "@fluentui/react-components";
import type { ReactElement, ReactNode } from "react";
import type { Locale } from "../i18n/locale";
import type { PaneString } from "../i18n/paneStrings";
import type { FormulaMode, ReportSections } from "../report/buildReport";
import { useFormStyles } from "./formStyles";
import type { FormValues, Problems } from "./reportForm";

const CURRENCIES = ["CNY", "USD", "EUR", "GBP", "JPY", "HKD"] as const;

/** The section checkboxes, in the order the report lays them out. */
const SECTIONS: readonly [keyof ReportSections, PaneString][] = [
  ["dimensions", "sectionDimensions"],
  ["satisfaction", "sectionSatisfaction"],
  ["lifecycle", "sectionLifecycle"],
  ["rfm", "sectionRfm"],
  ["charts", "sectionCharts"],
  ["trend", "sectionTrend"],
];

/** What each section needs beyond the transactions, said beside its checkbox. */
const SECTION_NEEDS: Readonly<Partial<Record<keyof ReportSections, PaneString>>> = {
  dimensions: "sectionNeeds_dimensions", satisfaction: "sectionNeeds_satisfaction", lifecycle: "sectionNeeds_lifecycle", rfm: "sectionNeeds_rfm", trend: "sectionNeeds_trend",
};

export interface MoreOptionsProps {
  readonly t: (key: PaneString) => string;
  readonly values: FormValues;
  readonly problems: Problems;
  /** A change of some fields; `datesTyped` when the user typed a date (the period no longer follows the data). */
  readonly onChange: (patch: Partial<FormValues>, datesTyped?: boolean) => void;
  /** The optional data's fields, for the user's own data. */
  readonly optionalData?: ReactNode;
  /** The data's unit columns (region, channel, …), of which the dashboard follows one. */
  readonly unitNames?: readonly string[];
  /** The pane's language, for the months' names. */
  readonly locale?: Locale;
}

/** A month's name in the pane's language (1: January, 一月). */
const monthName = (month: number, locale: Locale): string => new Intl.DateTimeFormat(locale, { month: "long", timeZone: "UTC" }).format(Date.UTC(2000, month - 1, 1));

export function MoreOptions({ t, values, problems, onChange, optionalData, unitNames = [], locale = "en-US" }: MoreOptionsProps): ReactElement {
  const styles = useFormStyles();
  const { sections } = values;
  return (
    <Accordion collapsible>
      <AccordionItem value="more">
        <AccordionHeader>{t("moreOptions")}</AccordionHeader>
        <AccordionPanel>
          <div className={styles.more}>
            <Field label={t("reportTitle")} required validationMessage={problems.title ?? null}>
              <Input value={values.title} onChange={(_, value) => onChange({ title: value.value })} />
            </Field>
            <div className={styles.dates}>
              <Field className={styles.date} label={t("periodStart")} validationMessage={problems.start ?? null}>
                <Input className={styles.fill} value={values.start} placeholder={t("datePlaceholder")} onChange={(_, value) => onChange({ start: value.value }, true)} />
              </Field>
              <Field className={styles.date} label={t("periodEnd")} validationMessage={problems.end ?? null}>
                <Input className={styles.fill} value={values.end} placeholder={t("datePlaceholder")} onChange={(_, value) => onChange({ end: value.value }, true)} />
              </Field>
            </div>
            <Field label={t("trendPeriods")} hint={t("trendPeriodsHint")} validationMessage={problems.trend ?? null}>
              <Input type="number" value={values.trendPeriods} onChange={(_, value) => onChange({ trendPeriods: value.value })} />
            </Field>
            <Field label={t("fiscalYearStart")} hint={t("fiscalYearStartHint")}>
              <Dropdown value={monthName(values.fiscalYearStart, locale)} selectedOptions={[String(values.fiscalYearStart)]} onOptionSelect={(_, value) => onChange({ fiscalYearStart: Number(value.optionValue ?? 1) })}>
                {Array.from({ length: 12 }, (_, k) => <Option key={k} value={String(k + 1)}>{monthName(k + 1, locale)}</Option>)}
              </Dropdown>
            </Field>
            {unitNames.length > 1 && (
              <Field label={t("unitColumnChoice")}>
                <Dropdown value={unitNames[values.unitColumn] ?? ""} selectedOptions={[String(values.unitColumn)]} onOptionSelect={(_, value) => onChange({ unitColumn: Number(value.optionValue ?? 0) })}>
                  {unitNames.map((name, k) => <Option key={name} value={String(k)}>{name}</Option>)}
                </Dropdown>
              </Field>
            )}
            <Field label={t("currency")}>
              <Dropdown value={values.currency} selectedOptions={[values.currency]} onOptionSelect={(_, value) => onChange({ currency: value.optionValue ?? "CNY" })}>
                {CURRENCIES.map((code) => <Option key={code} value={code}>{code}</Option>)}
              </Dropdown>
            </Field>
            <Checkbox label={t("moneyInTenThousands")} checked={values.moneyInTenThousands} onChange={(_, value) => onChange({ moneyInTenThousands: value.checked === true })} />
            <div className={styles.row}>
              <Field className={styles.grow} label={t("targetLtvCac")} validationMessage={problems.ltvCac ?? null}>
                <Input className={styles.fill} type="number" value={values.ltvCac} onChange={(_, value) => onChange({ ltvCac: value.value })} />
              </Field>
              <Field className={styles.grow} label={t("targetChurn")} validationMessage={problems.churn ?? null}>
                <Input className={styles.fill} type="number" value={values.churn} onChange={(_, value) => onChange({ churn: value.value })} />
              </Field>
            </div>
            <Field label={t("targetNps")} validationMessage={problems.nps ?? null}>
              <Input className={styles.fill} type="number" value={values.nps} onChange={(_, value) => onChange({ nps: value.value })} />
            </Field>
            {/* A fieldset, not a Field: a Field gives its one id to every checkbox inside it, which breaks their labels. */}
            <fieldset className={styles.group} aria-describedby={problems.sections === undefined ? undefined : "sections-problem"}>
              <legend><Label weight="semibold">{t("sections")}</Label></legend>
              {SECTIONS.map(([key, text]) => {
                const needs = SECTION_NEEDS[key];
                return (
                  <Checkbox key={key} label={needs === undefined ? t(text) : `${t(text)} (${t(needs)})`} checked={sections[key]}
                    onChange={(_, value) => onChange({ sections: { ...sections, [key]: value.checked === true } })} />
                );
              })}
              {problems.sections !== undefined && <Text id="sections-problem" role="alert" className={styles.problem}>{problems.sections}</Text>}
            </fieldset>
            <Field label={t("formulaMode")} hint={t("modeHelp")}>
              <RadioGroup value={values.mode} onChange={(_, value) => onChange({ mode: value.value as FormulaMode })}>
                <Radio value="cx" label={t("modeCx")} />
                <Radio value="portable" label={t("modePortable")} />
              </RadioGroup>
            </Field>
            {optionalData !== undefined && (
              <fieldset className={styles.group}>
                <legend><Label weight="semibold">{t("optionalData")}</Label></legend>
                {optionalData}
              </fieldset>
            )}
          </div>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
