import { Body1, Button, Caption1, Card, makeStyles, MessageBar, MessageBarBody, SearchBox, Text, tokens } from "@fluentui/react-components";
import { useEffect, useState, type ReactElement } from "react";
import { fillTemplate, type Locale } from "../i18n/locale";
import { paneStrings, type PaneString } from "../i18n/paneStrings";
import { exampleFormula } from "./exampleFormulas";
import type { ExcelGateway } from "./gateway";

/** One function as its metadata describes it (functions.json / functions.zh-CN.json). */
export interface CatalogueEntry {
  readonly name: string;
  readonly description: string;
  readonly parameters: readonly { readonly name: string; readonly description?: string; readonly optional?: boolean }[];
}

export interface FunctionsViewProps {
  readonly gateway: ExcelGateway;
  readonly locale: Locale;
  readonly loadCatalogue: (locale: Locale) => Promise<readonly CatalogueEntry[]>;
}

/** The catalogue straight from the metadata the build ships beside this page, in the user's language. */
export async function loadBundledCatalogue(locale: Locale): Promise<readonly CatalogueEntry[]> {
  const response = await fetch(locale === "zh-CN" ? "functions.zh-CN.json" : "functions.json");
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  return ((await response.json()) as { functions: CatalogueEntry[] }).functions;
}

const useStyles = makeStyles({
  list: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalM },
  // long signatures (CX.CLV_PREDICT has eight parameters) wrap inside a 320 px pane instead of pushing the button out
  signature: { fontFamily: tokens.fontFamilyMonospace, overflowWrap: "anywhere", minWidth: 0 },
  description: { overflowWrap: "anywhere" },
  actions: { display: "flex", justifyContent: "flex-end" },
  search: { width: "100%", maxWidth: "100%" },
});

/** The searchable CX catalogue with an Insert button per function. */
export function FunctionsView({ gateway, locale, loadCatalogue }: FunctionsViewProps): ReactElement {
  const styles = useStyles();
  const t = (key: PaneString, params: Record<string, string> = {}): string => fillTemplate(paneStrings[key][locale], params);
  const [entries, setEntries] = useState<readonly CatalogueEntry[]>([]);
  const [query, setQuery] = useState("");
  const [message, setMessage] = useState<{ intent: "success" | "error"; text: string } | undefined>();
  useEffect(() => {
    let current = true;
    loadCatalogue(locale).then(
      (loaded) => current && setEntries(loaded),
      (error: unknown) => current && setMessage({ intent: "error", text: t("catalogueFailed", { reason: String(error instanceof Error ? error.message : error) }) }),
    );
    return () => {
      current = false;
    };
  }, [locale, loadCatalogue]);
  const needle = query.trim().toLowerCase();
  const shown = entries.filter((entry) => needle === "" || entry.name.toLowerCase().includes(needle) || entry.description.toLowerCase().includes(needle));
  const insert = async (entry: CatalogueEntry): Promise<void> => {
    // a complete example that computes as it stands, not a bare call Excel would answer with #VALUE!
    const formula = exampleFormula(entry.name);
    try {
      const address = await gateway.insertFormula(formula, locale);
      setMessage({ intent: "success", text: t("inserted", { formula, address }) });
    } catch (error) {
      setMessage({ intent: "error", text: t("insertFailed", { reason: error instanceof Error ? error.message : String(error) }) });
    }
  };
  return (
    <div>
      <SearchBox className={styles.search} aria-label={t("search")} placeholder={t("search")} value={query} onChange={(_, data) => setQuery(data.value)} />
      {message && <MessageBar intent={message.intent}><MessageBarBody>{message.text}</MessageBarBody></MessageBar>}
      <div className={styles.list} role="list">
        {shown.map((entry) => (
          <Card key={entry.name} role="listitem" size="small">
            <Text weight="semibold" className={styles.signature}>{`CX.${entry.name}(${entry.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ")})`}</Text>
            <Body1 className={styles.description}>{entry.description}</Body1>
            <div className={styles.actions}>
              <Button size="small" aria-label={`${t("insert")} CX.${entry.name}`} onClick={() => void insert(entry)}>{t("insert")}</Button>
            </div>
          </Card>
        ))}
        {entries.length > 0 && shown.length === 0 && <Caption1>{t("noMatch", { query })}</Caption1>}
      </div>
    </div>
  );
}
