/**
 * A CX-mode report as Excel itself saves one, for cx-report: each formula that spills is a dynamic
 * array (an array formula over the area it spills into, with the cell metadata that marks it
 * dynamic: [MS-XLSX] 2.6.x "dynamicArrayProperties", learn.microsoft.com/openspecs/office_standards/
 * ms-xlsx), so that Excel spills it again rather than reading it as a legacy formula, and each
 * spilled cell holds its value for previewers; and each CX function is named as Excel saves a
 * JavaScript custom function, _xldudf_CX_NAME (a Microsoft engineer in OfficeDev/Excel-Custom-
 * Functions issue 108: "For Javascript Custom Functions, we by default save out with a different
 * prefix _xldudf"; office-js issue 3558: Excel shows the saved name until the add-in's functions
 * are registered, then their own).
 */
import type JSZip from "jszip";

/** A CX function call in a formula (outside text). */
const CX_CALL = /(?<![\w.])CX\.([A-Z][A-Z0-9_]*)\(/g;

/** A formula's CX function names as a file stores them. */
export const fileCustomFunctions = (formula: string): string => formula.replace(CX_CALL, "_xldudf_CX_$1(");

/** The one kind of cell metadata: a dynamic array (XLDAPR), not collapsed to one cell. */
const METADATA = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
  + '<metadata xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:xda="http://schemas.microsoft.com/office/spreadsheetml/2017/dynamicarray">'
  + '<metadataTypes count="1"><metadataType name="XLDAPR" minSupportedVersion="120000" copy="1" pasteAll="1" pasteValues="1" merge="1" splitFirst="1" rowColShift="1" clearFormats="1" clearComments="1" assign="1" coerce="1" cellMeta="1"/></metadataTypes>'
  + '<futureMetadata name="XLDAPR" count="1"><bk><extLst><ext uri="{bdbb8cdc-fa1e-496e-a857-3c3f30c029c3}"><xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/></ext></extLst></bk></futureMetadata>'
  + '<cellMetadata count="1"><bk><rc t="1" v="0"/></bk></cellMetadata>'
  + "</metadata>";

/**
 * Marks the anchors of each sheet part (by its file number) as dynamic arrays: cm="1" on each, and
 * the workbook's metadata part that the 1 points to. exceljs has written each as an array formula
 * over its area already.
 */
export async function markDynamicArrays(zip: JSZip, anchors: ReadonlyMap<number, readonly string[]>): Promise<void> {
  if ([...anchors.values()].every((list) => list.length === 0)) return;
  for (const [id, addresses] of anchors) {
    const name = `xl/worksheets/sheet${id}.xml`;
    const part = zip.file(name);
    if (part === null || addresses.length === 0) continue;
    const wanted = new Set(addresses);
    const xml = await part.async("string");
    zip.file(name, xml.replace(/<c r="([A-Z]+\d+)"/g, (whole, address: string) => (wanted.has(address) ? `<c r="${address}" cm="1"` : whole)));
  }
  zip.file("xl/metadata.xml", METADATA);
  const types = zip.file("[Content_Types].xml");
  const rels = zip.file("xl/_rels/workbook.xml.rels");
  if (types === null || rels === null) throw new Error("exceljs wrote no content types or workbook relationships");
  const typesXml = await types.async("string");
  zip.file("[Content_Types].xml", typesXml.replace("</Types>", '<Override PartName="/xl/metadata.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheetMetadata+xml"/></Types>'));
  const relsXml = await rels.async("string");
  zip.file("xl/_rels/workbook.xml.rels", relsXml.replace("</Relationships>", '<Relationship Id="rIdCxMetadata" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sheetMetadata" Target="metadata.xml"/></Relationships>'));
}
