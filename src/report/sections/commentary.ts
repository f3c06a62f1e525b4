/**
 * The commentary's place under the title (DOMAIN.md §10, 经营分析): its heading and the rows its
 * sentences take, kept before the period figures; commentaryText.ts writes the sentences once every
 * other section has placed its figures and lights.
 */
import type { Section } from "../builder";
import { sentences } from "./commentaryText";

export const commentary: Section = {
  id: "commentary",
  sheet: "dashboard",
  when: (ctx) => ctx.trend,
  build(b) {
    const count = sentences(b.ctx).length;
    b.put({ address: `A${b.row}`, value: b.ctx.t("commentary"), style: "heading" });
    b.at.commentary = { first: b.row + 1, last: b.row + count };
    b.row += count + 2;
  },
};
