/**
 * What a user does to the fake workbook by hand, with Excel's consequences: inserting or deleting
 * whole rows shifts every cell, number format, name, table, chart range and formula reference below
 * them ("Insert or delete rows and columns", support.microsoft.com); a table grows by the rows
 * inserted inside it and shrinks by those deleted.
 */
import { columnName } from "../../src/core/a1";
import { shiftRows, keyPosition } from "./fakeReferences";
import type { FakeSheet, FakeWorkbook } from "./fakeWorkbook";

export interface FakeEdits {
  /** Inserts `count` whole rows above row `at` (1-based) of a sheet. */
  insertRows(sheet: string, at: number, count?: number): void;
  /** Deletes `count` whole rows from row `at` (1-based) of a sheet. */
  deleteRows(sheet: string, at: number, count?: number): void;
}

/** A map of cells keyed "B7" with every row from `at` moved by `count` (rows deleted when negative). */
function shiftedKeys<T>(cells: Map<string, T>, at: number, count: number): Map<string, T> {
  const moved = new Map<string, T>();
  for (const [key, value] of cells) {
    const { row, column } = keyPosition(key);
    if (count < 0 && row >= at && row < at - count) continue;
    moved.set(row >= at ? `${columnName(column)}${row + count}` : key, value);
  }
  return moved;
}

export function editsOf(book: FakeWorkbook, calculate: () => void): FakeEdits {
  const shift = (name: string, at: number, count: number): void => {
    const sheet = book.sheets.find((s) => s.name === name) as FakeSheet;
    for (const each of book.sheets) {
      for (const key of each.formulaCells) each.cells.set(key, shiftRows(String(each.cells.get(key)), each.name, name, at, count));
      for (const [n, formula] of each.names) each.names.set(n, shiftRows(formula, each.name, name, at, count));
      for (const chart of each.charts) {
        for (const series of chart.series) {
          if (series.values !== undefined) series.values = shiftRows(`=${series.values}`, each.name, name, at, count).slice(1);
          if (series.categories !== undefined) series.categories = shiftRows(`=${series.categories}`, each.name, name, at, count).slice(1);
        }
      }
    }
    sheet.cells = shiftedKeys(sheet.cells, at, count);
    sheet.numberFormats = shiftedKeys(sheet.numberFormats, at, count);
    sheet.formulaCells = new Set(shiftedKeys(new Map([...sheet.formulaCells].map((key) => [key, true])), at, count).keys());
    const zeroBased = at - 1;
    for (const box of sheet.tables.values()) {
      if (box.bottom >= zeroBased) box.bottom = Math.max(box.top, box.bottom + count);
      if (box.top >= zeroBased) box.top = Math.max(zeroBased, box.top + count);
    }
    calculate();
  };
  return {
    insertRows: (name, at, count = 1) => shift(name, at, count),
    deleteRows: (name, at, count = 1) => shift(name, at, -count),
  };
}
