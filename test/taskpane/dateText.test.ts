/** Dates in the pane as each language writes them, and read back whichever usual way they are typed. */
import { formatDateText, parseDateText } from "../../src/taskpane/dateText";

test("English (US) writes m/d/yyyy, Chinese yyyy年m月d日", () => {
  expect(formatDateText(45474, "en-US")).toBe("7/1/2024"); // 45474 is 2024-07-01
  expect(formatDateText(45474, "zh-CN")).toBe("2024年7月1日");
});

test("the usual ways of writing a date are read, each to the same day", () => {
  for (const text of ["2024年7月1日", "2024-07-01", "2024/7/1", "7/1/2024", " 2024 年 7 月 1 日 "]) expect(parseDateText(text)).toBe(45474);
  expect(parseDateText("2024年2月29日")).toBe(45351); // a leap day
});

test("what is not a date, or a day that does not exist, is not read", () => {
  for (const text of ["", "next week", "2/30/2024", "2023年2月29日", "13/1/2024", "2024-13-01"]) expect(parseDateText(text)).toBeUndefined();
});
