import { Button, Checkbox, Field, makeStyles, Radio, RadioGroup, Text, tokens } from "@fluentui/react-components";
import { useState, type ReactElement } from "react";
import { fillTemplate, type Locale } from "../i18n/locale";
import { paneStrings, type PaneString } from "../i18n/paneStrings";
import { checkPick, linkedAddress, type DataSource, type LinkedRange, type Pick, type PickKind } from "../report/dataSource";
import type { ExcelGateway } from "./gateway";

export type DataChoice = "sample" | "mine";

/** What the fields report to the form: the choice, and for "mine" the checked links or why they cannot be used yet. */
export interface DataSourceState {
  readonly choice: DataChoice;
  /** "My data" from database queries (sql/): a per-customer summary and a customer bridge instead of transactions. */
  readonly fromQueries?: boolean;
  readonly picks: Readonly<Partial<Record<PickKind, Pick>>>;
}

const PICK_LABELS: Readonly<Record<PickKind, PaneString>> = {
  transactions: "pickTransactions", survey: "pickSurvey", costs: "pickCosts", customerSummary: "pickCustomerSummary", periodTable: "pickPeriodTable",
};

/** The picks as checked: a link for each good one, the problem in words for each other. */
export interface CheckedPicks {
  readonly source: DataSource;
  readonly problems: Readonly<Partial<Record<PickKind, string>>>;
}

/**
 * The checks of the picks a report needs: a link for each, or the first problem in words. A kind
 * that is needed but not picked yet is a problem too.
 */
export function checkPicks(state: DataSourceState, needed: readonly PickKind[], portable: boolean, locale: Locale): CheckedPicks {
  const source: { -readonly [K in PickKind]?: LinkedRange } = {};
  const problems: Partial<Record<PickKind, string>> = {};
  if (state.choice === "sample") return { source, problems };
  for (const kind of needed) {
    const pick = state.picks[kind];
    if (pick === undefined) {
      problems[kind] = paneStrings.pickNeeded[locale];
      continue;
    }
    const result = checkPick(kind, pick, portable);
    if (result.ok) source[kind] = result.range;
    else problems[kind] = fillTemplate(paneStrings[result.problem.key][locale], Object.fromEntries(Object.entries(result.problem.params).map(([k, v]) => [k, String(v)])));
  }
  return { source, problems };
}

const useStyles = makeStyles({
  pick: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

export interface DataSourceFieldsProps {
  readonly gateway: ExcelGateway;
  readonly locale: Locale;
  readonly state: DataSourceState;
  readonly onChange: (state: DataSourceState) => void;
  /** The kinds of data the chosen sections need. */
  readonly needed: readonly PickKind[];
  /** checkPicks of the state, done once by the form, which also needs it to allow writing. */
  readonly checked: CheckedPicks;
}

/** Sample data or the user's own ranges: one field per kind of data, each checked as soon as it is picked. */
export function DataSourceFields({ gateway, locale, state, onChange, needed, checked }: DataSourceFieldsProps): ReactElement {
  const styles = useStyles();
  const t = (key: PaneString, params: Record<string, string> = {}): string => fillTemplate(paneStrings[key][locale], params);
  const [readFailure, setReadFailure] = useState<Partial<Record<PickKind, string>>>({});
  const { source, problems } = checked;

  const useSelection = async (kind: PickKind): Promise<void> => {
    try {
      const pick = await gateway.readSelection(locale);
      setReadFailure({ ...readFailure, [kind]: undefined });
      onChange({ ...state, picks: { ...state.picks, [kind]: pick } });
    } catch (error) {
      setReadFailure({ ...readFailure, [kind]: t("selectionFailed", { reason: error instanceof Error ? error.message : String(error) }) });
    }
  };

  return (
    <>
      <Field label={t("dataSource")} hint={t(state.choice === "sample" ? "sampleData" : "mineHelp")}>
        <RadioGroup value={state.choice} onChange={(_, data) => onChange({ ...state, choice: data.value as DataChoice })}>
          <Radio value="sample" label={t("dataSample")} />
          <Radio value="mine" label={t("dataMine")} />
        </RadioGroup>
      </Field>
      {state.choice === "mine" && (
        <Checkbox
          checked={state.fromQueries === true}
          label={t("fromQueries")}
          onChange={(_, data) => onChange({ ...state, fromQueries: data.checked === true })}
        />
      )}
      {state.choice === "mine" && needed.map((kind) => {
        const linked = source[kind];
        const problem = readFailure[kind] ?? (state.picks[kind] === undefined ? undefined : problems[kind]);
        return (
          <Field
            key={kind}
            label={t(PICK_LABELS[kind])}
            validationState={problem !== undefined ? "error" : linked !== undefined ? "success" : "none"}
            validationMessage={problem ?? (linked !== undefined ? t("picked", { address: linkedAddress(linked), rows: String(linked.rows) }) : t("pickHint"))}
          >
            <div className={styles.pick}>
              <Button size="small" onClick={() => void useSelection(kind)} aria-label={`${t("useSelection")}: ${t(PICK_LABELS[kind])}`}>{t("useSelection")}</Button>
              {state.picks[kind] !== undefined && <Text size={200}>{state.picks[kind]?.table ?? state.picks[kind]?.address}</Text>}
            </div>
          </Field>
        );
      })}
    </>
  );
}
