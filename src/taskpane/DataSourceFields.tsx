import { Button, Dropdown, Field, makeStyles, Option, Text, tokens } from "@fluentui/react-components";
import { useState, type ReactElement } from "react";
import { columnName, parseRange } from "../core/a1";
import { fillTemplate, type Locale } from "../i18n/locale";
import { paneStrings, type PaneString } from "../i18n/paneStrings";
import { checkPick, linkedAddress, mappedColumns, mapUnitColumns, MAX_UNIT_COLUMNS, PICK_COLUMNS, type DataSource, type LinkedRange, type Pick, type PickKind } from "../report/dataSource";
import type { ExcelGateway } from "./gateway";

export type DataChoice = "sample" | "mine";

/** What the fields report to the form: the choice, and for "mine" the picks and the columns the user chose in them. */
export interface DataSourceState {
  readonly choice: DataChoice;
  /** "My data" from database queries (sql/): a per-customer summary and a customer bridge instead of transactions. */
  readonly fromQueries?: boolean;
  readonly picks: Readonly<Partial<Record<PickKind, Pick>>>;
  /** The columns the user chose for a pick's needed columns (offsets in the pick), where the headers did not say or said wrong. */
  readonly fields?: Readonly<Partial<Record<PickKind, readonly (number | undefined)[]>>>;
}

const PICK_LABELS: Readonly<Record<PickKind, PaneString>> = {
  transactions: "pickTransactions", survey: "pickSurvey", costs: "pickCosts", customerSummary: "pickCustomerSummary", periodTable: "pickPeriodTable", budget: "pickBudget",
};

/** The picks as checked: a link for each good one, the problem in words for each other. */
export interface CheckedPicks {
  readonly source: DataSource;
  readonly problems: Readonly<Partial<Record<PickKind, string>>>;
}

/** A column's name in the pane's language ("amount" → 金额), where the pane has it. */
export function columnLabel(name: string, locale: Locale): string {
  const key = `column_${name}` as PaneString;
  return paneStrings[key]?.[locale] ?? name;
}

/**
 * The checks of the picks a report needs (`required`, a problem while not picked) and may use
 * (`optional`, checked when picked): a link for each, or the first problem in words, with the
 * column names in the user's language.
 */
export function checkPicks(state: DataSourceState, required: readonly PickKind[], optional: readonly PickKind[], portable: boolean, locale: Locale): CheckedPicks {
  const source: { -readonly [K in PickKind]?: LinkedRange } = {};
  const problems: Partial<Record<PickKind, string>> = {};
  if (state.choice === "sample") return { source, problems };
  for (const kind of [...required, ...optional]) {
    const pick = state.picks[kind];
    if (pick === undefined) {
      if (required.includes(kind)) problems[kind] = paneStrings.pickNeeded[locale];
      continue;
    }
    const result = checkPick(kind, pick, portable, state.fields?.[kind]);
    if (result.ok) {
      source[kind] = result.range;
      continue;
    }
    const params = Object.fromEntries(Object.entries(result.problem.params).map(([k, v]) => [k, k === "column" ? columnLabel(String(v), locale)
      : k === "columns" ? String(v).split(", ").map((name) => columnLabel(name, locale)).join(locale === "zh-CN" ? "、" : ", ") : String(v)]));
    problems[kind] = fillTemplate(paneStrings[result.problem.key][locale], params);
  }
  return { source, problems };
}

const useStyles = makeStyles({
  pick: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  fill: { width: "100%", minWidth: 0 },
  columns: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
});

export interface DataSourceFieldsProps {
  readonly gateway: ExcelGateway;
  readonly locale: Locale;
  readonly state: DataSourceState;
  readonly onChange: (state: DataSourceState) => void;
  /** The kinds of data the report cannot be made without (the transactions). */
  readonly required: readonly PickKind[];
  /** The kinds it may use: left out, the figures that need them show a dash. */
  readonly optional: readonly PickKind[];
  /** Which kinds to show: the required, the optional, or both. */
  readonly show: "required" | "optional";
  /** checkPicks of the state, done once by the form, which also needs it to allow writing. */
  readonly checked: CheckedPicks;
}

/**
 * The user's own ranges: one field per kind of data, each checked as soon as it is picked; a table
 * picked whole has its needed columns found by their headers, shown as choices the user can change.
 */
export function DataSourceFields({ gateway, locale, state, onChange, required, optional, show, checked }: DataSourceFieldsProps): ReactElement {
  const styles = useStyles();
  const t = (key: PaneString, params: Record<string, string> = {}): string => fillTemplate(paneStrings[key][locale], params);
  const [readFailure, setReadFailure] = useState<Partial<Record<PickKind, string>>>({});
  const { source, problems } = checked;

  const useSelection = async (kind: PickKind): Promise<void> => {
    try {
      const pick = await gateway.readSelection(locale);
      setReadFailure({ ...readFailure, [kind]: undefined });
      onChange({ ...state, picks: { ...state.picks, [kind]: pick }, fields: { ...state.fields, [kind]: undefined } });
    } catch (error) {
      setReadFailure({ ...readFailure, [kind]: t("selectionFailed", { reason: error instanceof Error ? error.message : String(error) }) });
    }
  };

  /**
   * The columns of a pick as choices: "A · 客户编号", where a table was picked whole and mapped by its
   * headers; for transactions, then up to three unit columns (region, channel, …), each optional.
   */
  const columnChoices = (kind: PickKind): ReactElement | undefined => {
    const pick = state.picks[kind];
    const all = pick === undefined ? undefined : mappedColumns(kind, pick, state.fields?.[kind]);
    if (pick === undefined || all === undefined) return undefined;
    const header = pick.values[0] ?? [];
    const needed = all.slice(0, PICK_COLUMNS[kind].length);
    const found = mapUnitColumns(header, needed);
    const units = kind !== "transactions" ? [] : all.length > needed.length ? all.slice(needed.length) : Array.from({ length: MAX_UNIT_COLUMNS }, (_, k) => found[k]);
    const left = parseRange(pick.address)?.left ?? 0;
    const label = (at: number): string => `${columnName(left + at)} · ${String(header[at] ?? "")}`;
    // A needed column changed while the unit columns are still the ones found by their headers: they are found again around it.
    const unitsChosen = all.length > needed.length;
    const choose = (j: number, at: number | undefined): void => {
      const kept = j < needed.length && !unitsChosen ? needed : [...needed, ...units];
      onChange({ ...state, fields: { ...state.fields, [kind]: kept.map((old, k) => (k === j ? at : old)) } });
    };
    const dropdown = (j: number, name: string, at: number | undefined, optional: boolean): ReactElement => (
      <Field key={name} label={name} size="small">
        <Dropdown className={styles.fill} size="small" value={at === undefined ? (optional ? t("noUnitColumn") : "") : label(at)} selectedOptions={at === undefined ? (optional ? ["none"] : []) : [String(at)]}
          onOptionSelect={(_, data) => choose(j, data.optionValue === "none" ? undefined : Number(data.optionValue))}>
          {optional && <Option key="none" value="none">{t("noUnitColumn")}</Option>}
          {header.map((_, k) => <Option key={k} value={String(k)}>{label(k)}</Option>)}
        </Dropdown>
      </Field>
    );
    return (
      <div className={styles.columns}>
        {PICK_COLUMNS[kind].map((name, j) => dropdown(j, t("mapColumn", { column: columnLabel(name, locale) }), needed[j], false))}
        {units.map((at, k) => dropdown(needed.length + k, t("mapUnitColumn", { n: String(k + 1) }), at, true))}
      </div>
    );
  };

  return (
    <>
      {(show === "required" ? required : optional).map((kind) => {
        const linked = source[kind];
        const problem = readFailure[kind] ?? (state.picks[kind] === undefined ? undefined : problems[kind]);
        const isOptional = optional.includes(kind);
        return (
          <Field
            key={kind}
            label={isOptional ? t("optionalPick", { what: t(PICK_LABELS[kind]) }) : t(PICK_LABELS[kind])}
            validationState={problem !== undefined ? "error" : linked !== undefined ? "success" : "none"}
            validationMessage={problem ?? (linked !== undefined ? t("picked", { address: linkedAddress(linked), rows: String(linked.rows) }) : t(isOptional ? "optionalPickHint" : "pickHint"))}
          >
            <div className={styles.pick}>
              <Button size="small" appearance={isOptional ? "secondary" : "primary"} onClick={() => void useSelection(kind)} aria-label={`${t("useSelection")}: ${t(PICK_LABELS[kind])}`}>{t("useSelection")}</Button>
              {state.picks[kind] !== undefined && <Text size={200}>{state.picks[kind]?.table ?? state.picks[kind]?.address}</Text>}
            </div>
            {columnChoices(kind)}
          </Field>
        );
      })}
    </>
  );
}
