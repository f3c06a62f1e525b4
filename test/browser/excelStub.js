// A scripted stand-in for office.js inside Excel, for the browser test: Office reports an Excel host,
// and Excel.run hands the callback a context that records what the writer does (window.__excel).
(function () {
  const log = { syncs: 0, sheets: [], formulas: {}, inserted: [], charts: [], names: [], selections: 0 };
  window.__excel = log;
  // Ranges are recorded by sheet and address ("Report 2026-11!A1:C9"): every sheet of a report has an A1.
  const range = (sheetName) => (address) => ({
    address,
    format: { font: {}, fill: {} },
    // the commentary's rows, merged across (recorded)
    merge: () => { (log.merged = log.merged || []).push(`${sheetName}!${address}`); },
    unmerge: () => undefined,
    conditionalFormats: { add: () => ({ custom: { rule: {}, format: { fill: {} } }, dataBar: { positiveFormat: {} }, colorScale: {} }) },
    dataValidation: { set rule(value) { (log.validations = log.validations || []).push([`${sheetName}!${address}`, value]); }, clear: () => undefined },
    set formulas(value) { log.formulas[`${sheetName}!${address}`] = value; },
    set numberFormat(_value) {},
  });
  const sheet = (name) => ({
    name,
    getRange: range(name),
    getRanges: range(name),
    names: { add: (name, reference) => { log.names.push([name, typeof reference === "string" ? reference : reference.address]); } },
    tables: { add: () => ({}) },
    // Excel makes no series from an empty range: the writer must add each series itself.
    charts: {
      add: (type) => {
        log.charts.push(type);
        const series = [];
        return {
          title: {}, legend: {}, setPosition: () => undefined, axes: { valueAxis: {} },
          series: {
            getItemAt: (i) => { if (!series[i]) throw new Error("ItemNotFound"); return series[i]; },
            add: (name) => {
              const added = { name, setValues: () => undefined, setXAxisValues: () => undefined, format: { fill: { clear: () => undefined, setSolidColor: () => undefined }, line: {} }, dataLabels: {} };
              series.push(added);
              return added;
            },
          },
        };
      },
    },
    pageLayout: { zoom: {}, setPrintArea: () => undefined, setPrintTitleRows: () => undefined, headersFooters: { defaultForAllPages: {} } },
    horizontalPageBreaks: { add: () => undefined },
    activate: () => undefined,
    delete: () => undefined,
  });
  const context = {
    workbook: {
      worksheets: {
        items: [{ name: "Sheet1" }],
        load: () => undefined,
        add: (name) => { log.sheets.push(name); return sheet(name); },
        getItemOrNullObject: sheet,
        // The active sheet holds no report marker: the month-end buttons say to select a report.
        getActiveWorksheet: () => ({ names: { getItemOrNullObject: () => ({ isNullObject: true, load: () => undefined }) } }),
        onActivated: { add: () => ({ remove: () => undefined }) },
        // the pick's cells, read in slices of rows (the picks below start at A1)
        getItem: () => ({
          getRange: (local) => {
            const [, top, bottom] = /^[A-Z]+(\d+):[A-Z]+(\d+)$/.exec(local);
            return { load: () => undefined, get values() { return log.pick.values.slice(Number(top) - 1, Number(bottom)); } };
          },
        }),
      },
      tables: { items: [], load: () => undefined },
      // "My data": each Use selection reads the next of these ranges (transactions, survey answers, costs).
      getSelectedRange: () => {
        // (a test may set window.__picks first, to select its own ranges)
        const picks = window.__picks || [
          { address: "Sales!A1:C4", values: [["Customer", "Date", "Amount"], ["C-1", 45500, 120], ["C-2", 45510, 80.5], ["C-1", 45520, 60]] },
          { address: "Survey!A1:C3", values: [["NPS", "CSAT", "CSI"], [9, 5, 8], [10, 4, ""]] },
          { address: "Costs!A1:C3", values: [["Channel", "Spend", "New customers"], ["Web", 500, 4], ["Fair", 900, 3]] },
        ];
        const pick = picks[log.selections++ % picks.length];
        log.pick = pick;
        return {
          getTables: () => ({ items: [], load: () => undefined }),
          getUsedRangeOrNullObject: () => ({ isNullObject: false, address: pick.address, values: pick.values, load: () => undefined }),
        };
      },
      getActiveCell: () => ({ address: "Sheet1!A1", formulas: [[""]], load: () => undefined, set formulas(value) { log.inserted.push(value); } }),
    },
    application: { suspendApiCalculationUntilNextSync: () => undefined },
    sync: async () => { log.syncs++; },
  };
  const language = new URLSearchParams(location.search).get("lang") || "en-US";
  window.Office = {
    onReady: (callback) => Promise.resolve({ host: "Excel", platform: "OfficeOnline" }).then((info) => { if (callback) callback(info); return info; }),
    context: {
      host: "Excel",
      displayLanguage: language,
      officeTheme: { isDarkTheme: false },
      requirements: { isSetSupported: () => true },
    },
  };
  window.Excel = { run: async (body) => body(context) };
})();
