// A scripted stand-in for office.js inside Excel, for the browser test: Office reports an Excel host,
// and Excel.run hands the callback a context that records what the writer does (window.__excel).
(function () {
  const log = { syncs: 0, sheets: [], formulas: {}, inserted: [], charts: [] };
  window.__excel = log;
  const range = (address) => ({
    address,
    format: { font: {}, fill: {} },
    conditionalFormats: { add: () => ({ cellValue: { format: { fill: {} } } }) },
    set formulas(value) { log.formulas[address] = value; },
    set numberFormat(_value) {},
  });
  const sheet = (name) => ({
    name,
    getRange: range,
    getRanges: range,
    names: { add: () => undefined },
    tables: { add: () => ({}) },
    charts: { add: (type) => { log.charts.push(type); const series = { name: "", setXAxisValues: () => undefined }; return { title: {}, legend: {}, series: { getItemAt: () => series }, setPosition: () => undefined }; } },
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
      },
      tables: { items: [], load: () => undefined },
      getActiveCell: () => ({ formulas: [[""]], load: () => undefined, set formulas(value) { log.inserted.push(value); } }),
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
