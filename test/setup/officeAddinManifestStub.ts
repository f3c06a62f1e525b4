/**
 * office-addin-mock imports office-addin-manifest only for its OfficeApp enum, but that package
 * loads an ES-module-only dependency Jest cannot require. This stand-in carries the same enum
 * values (office-addin-manifest/lib/officeApp.js) and nothing else.
 */
export enum OfficeApp {
  Excel = "excel",
  OneNote = "onenote",
  Outlook = "outlook",
  PowerPoint = "powerpoint",
  Project = "project",
  Word = "word",
}
