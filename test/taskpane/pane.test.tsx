/**
 * @jest-environment jsdom
 *
 * The task pane's components with Testing Library, on a fake gateway (no Office): what the user
 * sees, what is checked before anything is written, and what is sent to Excel.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { CreateReportForm } from "../../src/taskpane/CreateReportForm";
import { FunctionsView, type CatalogueEntry } from "../../src/taskpane/FunctionsView";
import type { ExcelGateway } from "../../src/taskpane/gateway";
import type { ReportOptions } from "../../src/report/buildReport";
import { ReportWriteError } from "../../src/writer/writeReport";

// The pane's flows render the whole form many times: alone they take up to 4 s each on a 2-core
// machine, near Jest's 5 s default, and one went over it with other tests running beside it.
jest.setTimeout(30_000);

const TODAY = 45619; // 2024-11-23

function fakeGateway(overrides: Partial<ExcelGateway> = {}): ExcelGateway & { reports: ReportOptions[]; formulas: string[] } {
  const reports: ReportOptions[] = [];
  const formulas: string[] = [];
  return {
    reports,
    formulas,
    createReport: async (options) => {
      reports.push(options);
      return { sheetName: "Report 2024-10 (2)", sheetNames: ["Report 2024-10 (2)", "Data 2024-10", "Workings 2024-10"], syncs: 2 };
    },
    refreshReport: async () => ({ sheetName: "Customer Metrics", syncs: 3 }),
    activeReport: async () => ({ kind: "report", title: "Customer metrics", period: "2024-09", periodEnd: 45565 }),
    onActiveSheetChanged: async () => () => undefined,
    archiveReport: async () => ({ sheetName: "Issued 2024-09", syncs: 5 }),
    archiveEachUnit: async () => ({ sheetName: "Issued 2024-09 East", sheetNames: ["Issued 2024-09 East", "Issued 2024-09 North"], syncs: 20 }),
    rollForwardReport: async () => ({ sheetName: "Customer Metrics (3)", syncs: 5 }),
    readSelection: async () => ({ address: "Sheet1!A1", values: [[""]] }),
    insertFormula: async (formula) => {
      formulas.push(formula);
      return "Sheet1!D4";
    },
    ...overrides,
  };
}

const catalogue: CatalogueEntry[] = [
  { name: "NPS", description: "Net Promoter Score from 0-10 answers", parameters: [{ name: "scores" }, { name: "output", optional: true }] },
  { name: "CAC", description: "Customer acquisition cost", parameters: [{ name: "spend" }, { name: "new_customers" }] },
];
const zhCatalogue: CatalogueEntry[] = [{ name: "NPS", description: "净推荐值", parameters: [{ name: "scores" }] }];

/** The sample data instead of the user's transactions (the form opens on the transactions). */
function trySample(locale: "en-US" | "zh-CN" = "en-US"): void {
  fireEvent.click(screen.getByLabelText(locale === "zh-CN" ? "示例数据（试用）" : "Sample data, to try it out"));
}
/** Opens "More options", where every setting with a good default is. */
/** Clicks a button once it is there and enabled (the month-end buttons wait for the active sheet to be known). */
async function press(name: string | RegExp): Promise<void> {
  const button = (await screen.findAllByRole("button", { name })).at(-1) as HTMLButtonElement;
  await waitFor(() => expect(button.disabled).toBe(false));
  await act(async () => {
    fireEvent.click(button);
  });
}
function openMore(locale: "en-US" | "zh-CN" = "en-US"): void {
  fireEvent.click(screen.getByRole("button", { name: locale === "zh-CN" ? "更多选项" : "More options" }));
}

describe("create-report form", () => {
  test("sends the chosen options to the gateway and reports the new sheet", async () => {
    const gateway = fakeGateway();
    render(<CreateReportForm gateway={gateway} locale="en-US" today={TODAY} />);
    trySample();
    openMore();
    fireEvent.change(screen.getByLabelText(/Report title/), { target: { value: "Q4 customers" } });
    fireEvent.click(screen.getByLabelText("Portable (built-in formulas only)"));
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Create report" }));
    });
    expect(await screen.findByText("Created the report: “Report 2024-10 (2)”, “Data 2024-10”, “Workings 2024-10”.")).toBeTruthy();
    expect(gateway.reports).toHaveLength(1);
    const sent = gateway.reports[0] as ReportOptions;
    expect(sent.title).toBe("Q4 customers");
    expect(sent.formulaMode).toBe("portable");
    // by default the last month complete by today (2024-11-23): October, with a 13-month trend
    expect([sent.periodStart, sent.periodEnd]).toEqual([45566, 45596]); // 2024-10-01 to 2024-10-31
    expect(sent.trendPeriods).toBe(13);
    expect(sent.targets).toEqual({ ltvCac: 3, churn: 0.05, nps: 30, csat: 0.8, engagement: 50, paybackMonths: 12 });
  });

  test("the sample by unit: its regions and channels come along, and More options chooses which the dashboard follows", async () => {
    const gateway = chineseSampleForm();
    const choice = screen.getByRole("combobox", { name: "分单元查看：单元选择与分单元表所依据的列" });
    expect(choice.textContent).toBe("区域");
    await choose(choice, "渠道");
    await press("生成报告");
    const sent = gateway.reports[0] as ReportOptions;
    expect(sent.unitNames?.map((name) => name["zh-CN"])).toEqual(["区域", "渠道"]);
    expect(sent.unitColumn).toBe(1);
  });

  test("More options sets the fiscal year's first month, January by default, and the report gets it for its year to date", async () => {
    const gateway = chineseSampleForm();
    const choice = screen.getByRole("combobox", { name: "财年起始月份" });
    expect(choice.textContent).toBe("一月");
    await choose(choice, "四月", (options) => expect(options).toHaveLength(12));
    await press("生成报告");
    expect((gateway.reports[0] as ReportOptions).fiscalYearStart).toBe(4);
  });

  test("problems show in their fields and nothing is written", async () => {
    const gateway = fakeGateway();
    render(<CreateReportForm gateway={gateway} locale="en-US" today={TODAY} />);
    trySample();
    openMore();
    fireEvent.change(screen.getByLabelText(/Report title/), { target: { value: "x".repeat(121) } });
    expect(screen.getByText("Keep the title to 120 characters.")).toBeTruthy();
    fireEvent.change(screen.getByLabelText(/Report title/), { target: { value: "  " } });
    fireEvent.change(screen.getByLabelText("Period end"), { target: { value: "2024-09-01" } });
    fireEvent.change(screen.getByLabelText(/Target churn/), { target: { value: "150" } });
    expect(screen.getByText("Enter a title.")).toBeTruthy();
    expect(screen.getByText("The end must not be before the start.")).toBeTruthy();
    expect(screen.getByText("Enter a percentage from 0 to 100.")).toBeTruthy();
    const button = screen.getByRole("button", { name: "Create report" }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    // and says why beside it
    expect(screen.getByText("Not yet: mend the fields marked in red (Report title, Period end, Target churn rate, % (at most))")).toBeTruthy();
    fireEvent.click(button);
    expect(gateway.reports).toHaveLength(0);
  });

  test("a failed write shows what happened and what to do, in a MessageBar", async () => {
    const gateway = fakeGateway({ createReport: async () => { throw new ReportWriteError(new Error("InvalidArgument"), true); } });
    render(<CreateReportForm gateway={gateway} locale="zh-CN" today={TODAY} />);
    trySample("zh-CN");
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "生成报告" }));
    });
    expect(await screen.findByText(/无法写入报告：InvalidArgument/)).toBeTruthy();
    expect(screen.getByText(/工作簿中没有留下任何内容/)).toBeTruthy();
  });

  test("sections can be switched off; at least one besides charts is needed", async () => {
    const gateway = fakeGateway();
    render(<CreateReportForm gateway={gateway} locale="en-US" today={TODAY} />);
    trySample();
    openMore();
    fireEvent.click(screen.getByLabelText(/^RFM segments/));
    fireEvent.click(screen.getByLabelText("Charts"));
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Create report" }));
    });
    expect(gateway.reports[0]?.sections).toEqual({ dimensions: true, satisfaction: true, lifecycle: true, rfm: false, charts: false, trend: true });
    for (const name of [/Five dimensions/, /NPS \(with margin of error\)/, /^Lifecycle stages/]) fireEvent.click(screen.getByLabelText(name));
    expect(screen.getByText("Choose at least one section besides charts.")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Create report" }) as HTMLButtonElement).disabled).toBe(true);
  });

  test("refresh rebuilds the active report sheet; a refusal says why and what to do", async () => {
    const { RefreshRefusedError } = await import("../../src/writer/writeReport");
    render(<CreateReportForm gateway={fakeGateway()} locale="en-US" today={TODAY} />);
    await press("Refresh 2024-09");
    expect(await screen.findByText("Refreshed the report: “Customer Metrics”.")).toBeTruthy();

    const refusing = fakeGateway({ refreshReport: async () => { throw new RefreshRefusedError("userCells", ["F3", "B200"]); } });
    cleanup();
    render(<CreateReportForm gateway={refusing} locale="zh-CN" today={TODAY} />);
    await press("刷新 2024-09");
    expect(await screen.findByText(/未做任何更改：单元格 F3, B200 不属于报告/)).toBeTruthy();

    // a report made by an earlier version, laid out otherwise: the message says so and what to do
    const earlier = fakeGateway({ refreshReport: async () => { throw new RefreshRefusedError("earlierLayout", ["A21"]); } });
    cleanup();
    render(<CreateReportForm gateway={earlier} locale="en-US" today={TODAY} />);
    await press("Refresh 2024-09");
    expect(await screen.findByText(/made by an earlier version of the add-in, and cells A21 are not where this version puts the report.*use Roll forward/)).toBeTruthy();
  });

  test("month-end in Excel's ways: a failed read changed nothing; typed-over formulas can be overwritten on request; protected sheets, busy and error cells are named", async () => {
    const { RefreshRefusedError } = await import("../../src/writer/writeReport");
    // Excel refused a read: nothing was changed, and the pane does not say the sheet may be partly rewritten
    render(<CreateReportForm gateway={fakeGateway({ refreshReport: async () => { throw new ReportWriteError(new Error("InvalidArgument"), true, true); } })} locale="en-US" today={TODAY} />);
    await press("Refresh 2024-09");
    expect(await screen.findByText(/InvalidArgument Nothing in your workbook was changed\./)).toBeTruthy();
    expect(screen.queryByText(/partly rewritten/)).toBeNull();
    cleanup();
    // a rejected rewrite that was put back says everything came back
    render(<CreateReportForm gateway={fakeGateway({ refreshReport: async () => { throw new ReportWriteError(new Error("InvalidArgument"), true); } })} locale="zh-CN" today={TODAY} />);
    await press("刷新 2024-09");
    expect(await screen.findByText(/报告的每张工作表均已恢复原状/)).toBeTruthy();
    cleanup();
    // values typed over formulas: named, and overwritten only when the user asks
    const asked: boolean[] = [];
    const edited = fakeGateway({
      refreshReport: async (_locale, _today, discardEdits = false) => {
        asked.push(discardEdits);
        if (!discardEdits) throw new RefreshRefusedError("editedCells", ["'Report 2024-09'!C9"]);
        return { sheetName: "Report 2024-09", syncs: 5 };
      },
    });
    render(<CreateReportForm gateway={edited} locale="en-US" today={TODAY} />);
    await press("Refresh 2024-09");
    expect(await screen.findByText(/you typed values over the report's formulas in 'Report 2024-09'!C9/)).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Refresh and overwrite these cells" }));
    });
    expect(asked).toEqual([false, true]);
    expect(await screen.findByText("Refreshed the report: “Report 2024-09”.")).toBeTruthy();
    cleanup();
    for (const [reason, cells, text] of [
      ["protected", ["Data 2024-09"], /the report's sheets “Data 2024-09” are protected.*Unprotect Sheet/],
      ["notSettled", ["B33"], /cells B33 were still calculating \(#BUSY!\)/],
      ["errorCells", ["B9", "B10"], /cells B9, B10 show errors, which an issued report would keep for good/],
    ] as const) {
      render(<CreateReportForm gateway={fakeGateway({ archiveReport: async () => { throw new RefreshRefusedError(reason, cells); } })} locale="en-US" today={TODAY} />);
      await press("Archive 2024-09 as issued");
      expect(await screen.findByText(text)).toBeTruthy();
      cleanup();
    }
  });

  test("issue each unit: offered for a report with units only; the sheets it made are named; too many units is said", async () => {
    const { RefreshRefusedError } = await import("../../src/writer/writeReport");
    render(<CreateReportForm gateway={fakeGateway()} locale="en-US" today={TODAY} />);
    await screen.findByText(/Refresh 2024-09/);
    expect(screen.queryByRole("button", { name: "Issue 2024-09 for each unit" })).toBeNull();
    cleanup();
    const withUnits = { activeReport: async () => ({ kind: "report" as const, title: "Customer metrics", period: "2024-09", periodEnd: 45565, units: true }) };
    render(<CreateReportForm gateway={fakeGateway(withUnits)} locale="en-US" today={TODAY} />);
    await press("Issue 2024-09 for each unit");
    expect(await screen.findByText("Issued for each unit: “Issued 2024-09 East”, “Issued 2024-09 North” (values only, protected).")).toBeTruthy();
    cleanup();
    render(<CreateReportForm gateway={fakeGateway({ ...withUnits, archiveEachUnit: async () => { throw new RefreshRefusedError("tooManyUnits", ["120", "50"]); } })} locale="zh-CN" today={TODAY} />);
    await press("按单元分别发布 2024-09");
    expect(await screen.findByText("单元选择共有 120 个单元，超过一次可发布的数量；请发布整份报告，或改用更粗的单元。")).toBeTruthy();
  });

  test("archive as issued: the sheet it made is named; a sheet that is not a report is refused; a failed copy says it was removed", async () => {
    const { RefreshRefusedError } = await import("../../src/writer/writeReport");
    render(<CreateReportForm gateway={fakeGateway()} locale="en-US" today={TODAY} />);
    expect(screen.getByText(/into a protected sheet named for its period/)).toBeTruthy();
    await press("Archive 2024-09 as issued");
    expect(await screen.findByText("Archived as “Issued 2024-09” (values only, protected).")).toBeTruthy();

    cleanup();
    render(<CreateReportForm gateway={fakeGateway({ archiveReport: async () => { throw new RefreshRefusedError("notReport"); } })} locale="zh-CN" today={TODAY} />);
    await press("将 2024-09 存档为已发布");
    expect(await screen.findByText("当前工作表不是本加载项生成的报告。请选中报告工作表，或生成新报告。")).toBeTruthy();

    cleanup();
    render(<CreateReportForm gateway={fakeGateway({ refreshReport: async () => { throw new RefreshRefusedError("missingSheets", ["Workings 2024-10"]); } })} locale="en-US" today={TODAY} />);
    await press("Refresh 2024-09");
    expect(await screen.findByText("Nothing was changed: the report's sheets “Workings 2024-10” are missing (deleted or renamed). Create the report again, or restore them.")).toBeTruthy();

    cleanup();
    render(<CreateReportForm gateway={fakeGateway({ archiveReport: async () => { throw new ReportWriteError(new Error("InvalidArgument"), true); } })} locale="en-US" today={TODAY} />);
    await press("Archive 2024-09 as issued");
    expect(await screen.findByText(/The unfinished copy was removed; the report sheet is unchanged\./)).toBeTruthy();
  });

  test("roll forward writes the next period's report and names its sheet", async () => {
    const calls: number[] = [];
    render(<CreateReportForm gateway={fakeGateway({ rollForwardReport: async (_locale, today) => { calls.push(today); return { sheetName: "客户指标 (3)", syncs: 5 }; } })} locale="zh-CN" today={TODAY} />);
    await press("将 2024-09 结转到下期");
    expect(await screen.findByText(/^已生成下一期报告：“客户指标 \(3\)”。 如 2024-09 尚未发布，请先存档/)).toBeTruthy();
    expect(calls).toEqual([TODAY]);
  });

  test("my data from database queries: the customer summary and the customer bridge are asked for instead of transactions, and linked", async () => {
    const summaryHeader = ["customer_id", "first_purchase", "last_purchase", "days_since_last", "orders", "revenue", "frequency", "recency", "age", "monetary"];
    const selections = [
      { address: "Summary!A1:J3", values: [summaryHeader, ["C1", 45300, 45500, 65, 3, 240.5, 2, 28.57, 37.86, 80], ["C2", 45400, 45400, 165, 1, 35, 0, 0, 23.57, 0]] },
      { address: "Bridge!A1:I3", values: [["period", "first_day", "last_day", "customers_start", "new_customers", "reactivated", "lapsed", "customers_end", "churn_rate"], ["2024-07", 45474, 45504, 0, 2, 0, 0, 2, ""], ["2024-08", 45505, 45535, 2, 1, 0, 1, 2, 0.5]] },
      { address: "Survey!A1:C2", values: [["NPS", "CSAT", "CSI"], [9, 5, 8]] },
      { address: "Costs!A1:C2", values: [["Channel", "Spend", "New"], ["Web", 500, 4]] },
    ];
    const gateway = fakeGateway({ readSelection: async () => selections.shift() as never });
    render(<CreateReportForm gateway={gateway} locale="en-US" today={TODAY} />);
    expect(screen.queryByRole("button", { name: /Use selection: Customer summary/ })).toBeNull();
    openMore();
    fireEvent.click(screen.getByLabelText(/From database queries/));
    expect(screen.queryByRole("button", { name: /Use selection: Transactions/ })).toBeNull();
    for (const name of [/Use selection: Customer summary/, /Use selection: Customer bridge/, /Use selection: Survey answers/, /Use selection: Acquisition costs/]) {
      await act(async () => {
        fireEvent.click(screen.getByRole("button", { name }));
      });
    }
    expect(await screen.findByText("Linked to Summary!A2:J3 (2 rows).")).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Create report" }));
    });
    expect((gateway.reports[0] as ReportOptions).source).toEqual({
      customerSummary: { sheet: "Summary", row: 1, column: 0, rows: 2, columns: 10 },
      periodTable: { sheet: "Bridge", row: 1, column: 0, rows: 2, columns: 9 },
      survey: { sheet: "Survey", row: 1, column: 0, rows: 1, columns: 3 },
      costs: { sheet: "Costs", row: 1, column: 0, rows: 1, columns: 3 },
    });
  });

  test("my data: each pick is checked in its field before anything is written, then linked", async () => {
    const selections = [
      { address: "'Sales data'!B4:D7", values: [["Customer", "Date", "Amount"], ["C-1", 45500, 120], ["C-2", 45510, 80.5], ["C-1", 45520, 60]] },
      { address: "Survey!A1:C3", values: [["NPS", "CSAT", "CSI"], [9, 5, 8], [11, 4, 7]] },
      { address: "Survey!A1:C3", values: [["NPS", "CSAT", "CSI"], [9, 5, 8], [10, 4, ""]] },
      { address: "Costs!A1:C3", values: [["Channel", "Spend", "New"], ["Web", 500, 4], ["Fair", 900, 3]], table: "Channels" },
    ];
    const { gateway, use } = pickingForm(selections);
    await use(/Use selection: Transactions/);
    expect(await screen.findByText("Linked to 'Sales data'!B5:D7 (3 rows).")).toBeTruthy();
    await use(/Use selection: Survey answers/);
    expect(await screen.findByText("Survey!A3: 11 is not an answer from 0 to 10.")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Create report" }) as HTMLButtonElement).disabled).toBe(true);
    await use(/Use selection: Survey answers/);
    await use(/Use selection: Acquisition costs/);
    expect(await screen.findByText("Linked to Costs!A2:C3 (2 rows).")).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Create report" }));
    });
    const sent = gateway.reports[0] as ReportOptions;
    expect(sent.source).toEqual({
      transactions: { sheet: "Sales data", row: 4, column: 1, rows: 3, columns: 3 },
      survey: { sheet: "Survey", row: 1, column: 0, rows: 2, columns: 3 },
      costs: { sheet: "Costs", row: 1, column: 0, rows: 2, columns: 3, table: "Channels" },
    });
    expect(sent.inputs.customersStart).toBe("");
  });

  test("a budget of your own is linked like the other optional data, its churn rate checked; amounts in 万元 are one checkbox", async () => {
    const selections = [
      { address: "'Sales data'!B4:D7", values: [["Customer", "Date", "Amount"], ["C-1", 45500, 120], ["C-2", 45510, 80.5], ["C-1", 45520, 60]] },
      { address: "Plan!A1:H3", values: [["Month", "Revenue", "Orders", "New", "End", "Churn", "NPS", "CAC"], [45474, 5000, 18, 4, 26, 18, "", ""], [45505, 5200, "", "", "", "", "", ""]] },
      { address: "Plan!A1:H3", values: [["Month", "Revenue", "Orders", "New", "End", "Churn", "NPS", "CAC"], [45474, 5000, 18, 4, 26, 0.18, -5, ""], [45505, 5200, "", "", "", "", "", ""]] },
    ];
    const { gateway, use } = pickingForm(selections);
    await use(/Use selection: Transactions/);
    // a churn rate of 18 (meant 18 %) is refused with its cell; an NPS below 0 and blanks are fine
    await use(/Use selection: Budget/);
    expect(await screen.findByText("Plan!F2: 18 is not a number from 0 to 1.")).toBeTruthy();
    await use(/Use selection: Budget/);
    expect(await screen.findByText("Linked to Plan!A2:H3 (2 rows).")).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByLabelText("Show amounts in 万 (ten thousands, 万元)"));
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Create report" }));
    });
    const sent = gateway.reports[0] as ReportOptions;
    expect(sent.source?.budget).toEqual({ sheet: "Plan", row: 1, column: 0, rows: 2, columns: 8 });
    expect(sent.moneyInTenThousands).toBe(true);
  });

  test("the formula-mode choice is explained in one sentence", () => {
    render(<CreateReportForm gateway={fakeGateway()} locale="en-US" today={TODAY} />);
    openMore();
    expect(screen.getByText(/portable formulas calculate the same numbers for anyone/)).toBeTruthy();
  });
});

/** The Chinese form on the sample data with More options open. */
function chineseSampleForm(): ReturnType<typeof fakeGateway> {
  const gateway = fakeGateway();
  render(<CreateReportForm gateway={gateway} locale="zh-CN" today={TODAY} />);
  trySample("zh-CN");
  openMore("zh-CN");
  return gateway;
}

/** Opens a dropdown and picks an option by its name (`listed` sees the options shown first). */
async function choose(dropdown: HTMLElement, option: string, listed?: (options: HTMLElement[]) => void): Promise<void> {
  await act(async () => {
    fireEvent.click(dropdown);
  });
  listed?.(screen.getAllByRole("option"));
  await act(async () => {
    fireEvent.click(screen.getByRole("option", { name: option }));
  });
}

/** The form on "My data" with More options open, whose "Use selection" buttons read `selections` in turn; `use` clicks one. */
function pickingForm(selections: unknown[]): { gateway: ReturnType<typeof fakeGateway>; use: (name: RegExp) => Promise<void> } {
  const gateway = fakeGateway({ readSelection: async () => selections.shift() as never });
  render(<CreateReportForm gateway={gateway} locale="en-US" today={TODAY} />);
  openMore();
  const use = async (name: RegExp): Promise<void> => {
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name }));
    });
  };
  return { gateway, use };
}

test("the Chinese form writes its dates the Chinese way, and an ISO date typed in is accepted", async () => {
  const gateway = chineseSampleForm();
  expect((screen.getByLabelText("期间开始") as HTMLInputElement).value).toBe("2024年10月1日");
  expect((screen.getByLabelText("期间结束") as HTMLInputElement).value).toBe("2024年10月31日");
  fireEvent.change(screen.getByLabelText("期间结束"), { target: { value: "2024-12-31" } });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "生成报告" }));
  });
  expect(gateway.reports[0]?.periodEnd).toBe(45657); // 2024-12-31
});

test("the report period: the last complete month by default, a quarter from the list, the trend's length checked", async () => {
  const gateway = fakeGateway();
  render(<CreateReportForm gateway={gateway} locale="en-US" today={TODAY} />);
  trySample();
  openMore();
  const value = (label: string): string => (screen.getByLabelText(label) as HTMLInputElement).value;
  expect([value("Period start"), value("Period end")]).toEqual(["10/1/2024", "10/31/2024"]);
  // by quarter: the last quarter complete by 2024-11-23 is the third
  await act(async () => {
    fireEvent.click(screen.getByRole("combobox", { name: "Report by" }));
  });
  await act(async () => {
    fireEvent.click(screen.getByRole("option", { name: "Quarter" }));
  });
  expect([value("Period start"), value("Period end")]).toEqual(["7/1/2024", "9/30/2024"]);
  expect(screen.getByRole("combobox", { name: "Report period" }).textContent).toContain("2024-Q3");
  // an earlier quarter from the list
  await act(async () => {
    fireEvent.click(screen.getByRole("combobox", { name: "Report period" }));
  });
  await act(async () => {
    fireEvent.click(screen.getByRole("option", { name: "2023-Q4" }));
  });
  expect([value("Period start"), value("Period end")]).toEqual(["10/1/2023", "12/31/2023"]);
  // a trend of one period is refused in its field
  fireEvent.change(screen.getByLabelText(/Periods in the trend/), { target: { value: "1" } });
  expect(screen.getByText("Enter a whole number from 2 to 60.")).toBeTruthy();
  fireEvent.change(screen.getByLabelText(/Periods in the trend/), { target: { value: "8" } });
  await act(async () => {
    fireEvent.click(screen.getByRole("button", { name: "Create report" }));
  });
  expect(gateway.reports[0]).toMatchObject({ periodStart: 45200, periodEnd: 45291, trendPeriods: 8 });
});

describe("functions view", () => {
  test("lists the catalogue, filters by search, and inserts a complete example, saying where", async () => {
    const gateway = fakeGateway();
    render(<FunctionsView gateway={gateway} locale="en-US" loadCatalogue={async () => catalogue} />);
    expect(await screen.findByText("CX.NPS(scores, [output])")).toBeTruthy();
    fireEvent.change(screen.getByRole("searchbox"), { target: { value: "acquisition" } });
    expect(screen.queryByText("CX.NPS(scores, [output])")).toBeNull();
    await act(async () => {
      fireEvent.click(screen.getByRole("button", { name: "Insert CX.CAC" }));
    });
    expect(gateway.formulas).toEqual(["=CX.CAC(100000,200)"]);
    expect(await screen.findByText("Inserted an example into Sheet1!D4: =CX.CAC(100000,200). It computes with example values; replace them with your own cells or ranges.")).toBeTruthy();
  });

  test("a refused insert (cell not empty) is shown, not swallowed", async () => {
    const gateway = fakeGateway({ insertFormula: async () => { throw new Error("the selected cell is not empty; select an empty cell"); } });
    render(<FunctionsView gateway={gateway} locale="en-US" loadCatalogue={async () => catalogue} />);
    const insert = await screen.findByRole("button", { name: "Insert CX.NPS" });
    await act(async () => {
      fireEvent.click(insert);
    });
    expect(await screen.findByText("Could not insert the formula: the selected cell is not empty; select an empty cell")).toBeTruthy();
  });
});

describe("app", () => {
  test("follows the language it starts in and switches on request, catalogue included", async () => {
    const loads: string[] = [];
    const load = async (locale: string): Promise<CatalogueEntry[]> => {
      loads.push(locale);
      return locale === "zh-CN" ? zhCatalogue : catalogue;
    };
    render(<App gateway={fakeGateway()} initialLocale="zh-CN" dark={false} today={TODAY} loadCatalogue={load} />);
    expect(screen.getByRole("heading", { name: "客户指标" })).toBeTruthy();
    fireEvent.click(screen.getByRole("tab", { name: "函数" }));
    expect(await screen.findByText("净推荐值")).toBeTruthy();
    fireEvent.click(screen.getByRole("combobox", { name: "语言" }));
    fireEvent.click(screen.getByRole("option", { name: "English" }));
    await waitFor(() => expect(screen.getByRole("heading", { name: "Customer metrics" })).toBeTruthy());
    expect(await screen.findByText("Net Promoter Score from 0-10 answers")).toBeTruthy();
    expect(loads).toEqual(["zh-CN", "en-US"]);
  }, 20_000); // renders the whole pane twice: slow on a busy 2-core machine
});

describe("from my transactions to a report: the pane's flow for a manager", () => {
  const table = {
    address: "'交易明细'!A1:D4",
    values: [["区域", "客户编号", "金额", "下单日期"], ["华东", "C-1", 120, 45500], ["华南", "C-2", 80.5, 45510], ["华东", "C-1", 60, 45520]],
  };

  test("transactions alone make a report: one Use selection on a table with Chinese headers and a fourth column, then Create", async () => {
    const gateway = fakeGateway({ readSelection: async () => table });
    render(<CreateReportForm gateway={gateway} locale="zh-CN" today={TODAY} />);
    // Create says why it cannot run yet
    expect(screen.getByText("暂不能生成：请先链接交易记录（见上方）")).toBeTruthy();
    await press(/使用所选区域: 交易记录/);
    expect(await screen.findByText("已链接到 '交易明细'!A2:D4（3 行）。")).toBeTruthy();
    // the columns found by their headers, shown as choices
    expect((screen.getByRole("combobox", { name: "客户所在列" }) as HTMLElement).textContent).toBe("B · 客户编号");
    expect((screen.getByRole("combobox", { name: "金额所在列" }) as HTMLElement).textContent).toBe("C · 金额");
    expect(screen.queryByText(/暂不能生成/)).toBeNull();
    await press("生成报告");
    const sent = gateway.reports[0] as ReportOptions;
    // 区域 is found as a unit column (DOMAIN.md §8) beside the three needed ones
    expect(sent.source).toEqual({ transactions: { sheet: "交易明细", row: 1, column: 0, rows: 3, columns: 3, fields: [1, 3, 2], units: [{ offset: 0, name: "区域" }] } });
    // the period follows the data, read through the mapped date column: the last month complete by its latest day (2024-08-16) is July
    expect([sent.periodStart, sent.periodEnd]).toEqual([45474, 45504]);
  });

  test("unit columns: found by their headers and shown as optional choices; (none) leaves one out", async () => {
    const gateway = fakeGateway({ readSelection: async () => table });
    render(<CreateReportForm gateway={gateway} locale="zh-CN" today={TODAY} />);
    await press(/使用所选区域: 交易记录/);
    const firstUnit = await screen.findByRole("combobox", { name: "单元列 1（区域、渠道、产品线；可选）" });
    expect(firstUnit.textContent).toBe("A · 区域");
    expect(screen.getByRole("combobox", { name: "单元列 2（区域、渠道、产品线；可选）" }).textContent).toBe("（无）");
    await act(async () => {
      fireEvent.click(firstUnit);
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("option", { name: "（无）" }));
    });
    await press("生成报告");
    expect((gateway.reports[0] as ReportOptions).source).toEqual({ transactions: { sheet: "交易明细", row: 1, column: 0, rows: 3, columns: 3, fields: [1, 3, 2] } });
  });

  test("a column chosen by hand wins; the messages say what to do, in Chinese without English column names", async () => {
    const selections: unknown[] = [
      { address: "Sales!A1:C1", values: [["客户编号", "下单日期", "金额"]] },
      { address: "Sales!A1:C2", values: [["客户编号", "下单日期", "金额"], ["C-1", 45500, "1,086.87"]] },
      { address: "Sales!A1:B2", values: [["客户编号", "下单日期"], ["C-1", 45500]] },
      table,
    ];
    const gateway = fakeGateway({ readSelection: async () => selections.shift() as never });
    render(<CreateReportForm gateway={gateway} locale="zh-CN" today={TODAY} />);
    await press(/使用所选区域: 交易记录/);
    expect(await screen.findByText(/所选区域在标题行下没有数据行：请连同标题下的数据行一起选中/)).toBeTruthy();
    await press(/使用所选区域: 交易记录/);
    expect(await screen.findByText(/Sales!C2：“1,086.87”是以文本形式存储的数字。请将该列转换为数字（选中该列，然后点击 数据 › 分列 › 完成）/)).toBeTruthy();
    await press(/使用所选区域: 交易记录/);
    expect(await screen.findByText("请选择 3 列（客户、日期、金额）；当前所选为 2 列。")).toBeTruthy();
    await press(/使用所选区域: 交易记录/);
    // the amount taken from the region column by mistake: the message points to the choice below
    await act(async () => {
      fireEvent.click(screen.getByRole("combobox", { name: "金额所在列" }));
    });
    await act(async () => {
      fireEvent.click(screen.getByRole("option", { name: "A · 区域" }));
    });
    expect(await screen.findByText("'交易明细'!A2：“华东”不是数字，而金额列应为数字。各列顺序可能不同：请在下方选择正确的列。")).toBeTruthy();
  });

  test("creating shows its steps where the user is looking, then the result", async () => {
    let finish: () => void = () => undefined;
    const gateway = fakeGateway({
      createReport: async (_options, progress) => {
        progress?.({ step: "computing" });
        progress?.({ step: "writing", done: 1, total: 2 });
        await new Promise<void>((resolve) => (finish = resolve));
        return { sheetName: "Report 2024-10", sheetNames: ["Report 2024-10", "Data 2024-10", "Workings 2024-10"], syncs: 3 };
      },
    });
    render(<CreateReportForm gateway={gateway} locale="en-US" today={TODAY} />);
    trySample();
    await press("Create report");
    expect(await screen.findByText("Writing the report's sheets (request 1 of 2)…")).toBeTruthy();
    await act(async () => finish());
    expect(await screen.findByText("Created the report: “Report 2024-10”, “Data 2024-10”, “Workings 2024-10”.")).toBeTruthy();
  });

  test("month-end buttons only where they apply: not a report, an issued sheet, a period not ended", async () => {
    render(<CreateReportForm gateway={fakeGateway({ activeReport: async () => ({ kind: "other" }) })} locale="en-US" today={TODAY} />);
    expect(await screen.findByText("Select a sheet of a report this add-in made to refresh, archive or roll it forward.")).toBeTruthy();
    for (const name of ["Refresh the active report sheet", "Archive as issued", "Roll forward to the next period"]) expect((screen.getByRole("button", { name }) as HTMLButtonElement).disabled).toBe(true);
    cleanup();
    render(<CreateReportForm gateway={fakeGateway({ activeReport: async () => ({ kind: "issued", period: "2024-09", report: "管报 2024-09" }) })} locale="zh-CN" today={TODAY} />);
    expect(await screen.findByText("这是 2024-09 的已发布报告（仅数值，已保护）。其在用报告为“管报 2024-09”：请选中它后再刷新或结转。")).toBeTruthy();
    cleanup();
    // rolled forward: the active report is November's, which has not ended on 2024-11-23
    const archived: unknown[] = [];
    const november = fakeGateway({ activeReport: async () => ({ kind: "report", title: "Customer metrics", period: "2024-11", periodEnd: 45626 }), archiveReport: async (...args) => { archived.push(args); return { sheetName: "x", syncs: 1 }; } });
    render(<CreateReportForm gateway={november} locale="en-US" today={TODAY} />);
    expect(await screen.findByText("2024-11 has not ended yet (it ends 2024-11-30): archive it once it has ended and its figures are final.")).toBeTruthy();
    expect((screen.getByRole("button", { name: "Archive 2024-11 as issued" }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole("button", { name: "Refresh 2024-11" }) as HTMLButtonElement).disabled).toBe(false);
    expect(archived).toEqual([]);
  });
});
