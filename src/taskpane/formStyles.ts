import { makeStyles, tokens } from "@fluentui/react-components";

/** The create-report form's layout, shared by the form and its "More options". */
export const useFormStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  // Two fields share a row; labels of different lengths wrap, so the inputs line up at the bottom.
  row: { display: "flex", columnGap: tokens.spacingHorizontalM, alignItems: "end" },
  grow: { flexGrow: 1, flexBasis: 0, minWidth: 0 },
  // Dates side by side where they fit whole ("2026年11月30日" needs about 150 px), one under the other in a narrow pane.
  dates: { display: "flex", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalM, flexWrap: "wrap", alignItems: "end" },
  date: { flexGrow: 1, flexBasis: "150px", minWidth: "150px" },
  fill: { width: "100%", minWidth: 0 },
  group: { display: "flex", flexDirection: "column", border: "none", margin: 0, padding: 0 },
  problem: { color: tokens.colorPaletteRedForeground1 },
  more: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
});
