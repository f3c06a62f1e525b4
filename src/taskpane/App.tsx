import { Dropdown, FluentProvider, makeStyles, Option, Tab, TabList, Title3, tokens, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { useState, type ReactElement } from "react";
import type { Locale } from "../i18n/locale";
import { paneStrings } from "../i18n/paneStrings";
import { CreateReportForm } from "./CreateReportForm";
import { FunctionsView, type CatalogueEntry } from "./FunctionsView";
import type { ExcelGateway } from "./gateway";

export interface AppProps {
  readonly gateway: ExcelGateway;
  /** Office's display language, mapped to a supported one; the user may switch. */
  readonly initialLocale: Locale;
  readonly dark: boolean;
  readonly today: number;
  readonly loadCatalogue: (locale: Locale) => Promise<readonly CatalogueEntry[]>;
}

const useStyles = makeStyles({
  page: { padding: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  header: { display: "flex", justifyContent: "space-between", alignItems: "center", columnGap: tokens.spacingHorizontalM },
  // The language switch needs only room for "English"/"中文"; Fluent's default dropdown is wider than the pane allows.
  language: { minWidth: "110px" },
});

const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = { "en-US": "English", "zh-CN": "中文" };

/** The task pane: report builder and function catalogue, in Office's language and theme. */
export function App({ gateway, initialLocale, dark, today, loadCatalogue }: AppProps): ReactElement {
  const styles = useStyles();
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [tab, setTab] = useState<"create" | "functions">("create");
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} lang={locale}>
      <main className={styles.page}>
        <div className={styles.header}>
          <Title3 as="h1">{paneStrings.appTitle[locale]}</Title3>
          <Dropdown
            className={styles.language}
            aria-label={paneStrings.language[locale]}
            value={LANGUAGE_NAMES[locale]}
            selectedOptions={[locale]}
            onOptionSelect={(_, data) => setLocale((data.optionValue as Locale | undefined) ?? locale)}
          >
            <Option value="en-US">English</Option>
            <Option value="zh-CN">中文</Option>
          </Dropdown>
        </div>
        <TabList selectedValue={tab} onTabSelect={(_, data) => setTab(data.value as "create" | "functions")}>
          <Tab value="create">{paneStrings.tabCreate[locale]}</Tab>
          <Tab value="functions">{paneStrings.tabFunctions[locale]}</Tab>
        </TabList>
        {tab === "create" ? (
          <CreateReportForm key={locale} gateway={gateway} locale={locale} today={today} />
        ) : (
          <FunctionsView gateway={gateway} locale={locale} loadCatalogue={loadCatalogue} />
        )}
      </main>
    </FluentProvider>
  );
}
