/**
 * The satisfaction family (Excel's category of the same name in the catalogue): NPS with its margin of error, CSAT, CSI and the complaint rate.
 *
 * Signatures spell out unknown[][] and CustomFunctions.Invocation: the metadata generator reads the
 * type text literally and does not resolve aliases.
 */
import { complaintRate } from "../core/complaintRate";
import { customerSatisfaction } from "../core/customerSatisfaction";
import { customerSatisfactionIndex } from "../core/customerSatisfactionIndex";
import { netPromoterScore } from "../core/netPromoterScore";
import { label } from "../i18n/labels";
import { Call, run } from "./call";
import { asMatrix, optionalChoice, optionalNumber, rangeNumbers, shapeOf, showShape } from "./coerce";
import { elementwise } from "./elementwise";
import { languageArgument, optionalScalarOrRange } from "./arguments";

type NpsOutput = "score" | "moe" | "se" | "breakdown";
const NPS_OUTPUTS: Readonly<Record<string, NpsOutput>> = {
  score: "score", nps: "score", moe: "moe", margin: "moe", se: "se", breakdown: "breakdown",
  得分: "score", 净推荐值: "score", 误差: "moe", 误差范围: "moe", 标准误: "se", 明细: "breakdown",
};

/**
 * Net Promoter Score from 0-10 answers: % promoters (9-10) − % detractors (0-6), from −100 to 100. Blank cells are skipped; other text or answers outside 0-10 are errors. Output "moe" gives the 95% margin of error, "breakdown" a labelled table.
 * @customfunction NPS
 * @param scores The survey answers, whole numbers 0-10 (blanks are skipped).
 * @param [output] "score" (default), "moe" (95% margin of error), "se" (standard error) or "breakdown" (table).
 * @param [language] Labels of the breakdown table: "en-US" or "zh-CN". Default: Office's language.
 * @param invocation Invocation
 * @returns The NPS, its margin of error, or a table.
 * @requiresParameterAddresses
 */
export function NPS(scores: unknown[][], output: unknown, language: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["scores", "output", "language"], invocation);
  return run(call, () => {
    const chosen = optionalChoice(call, "output", output, NPS_OUTPUTS) ?? "score";
    const locale = languageArgument(call, language);
    const result = netPromoterScore(rangeNumbers(call, "scores", scores, true).values);
    if (chosen === "score") return [[result.score]];
    if (chosen === "moe") return [[result.marginOfError]];
    if (chosen === "se") return [[result.standardError]];
    const n = result.answers;
    return [
      [label("group", locale), label("count", locale), label("share", locale)],
      [label("promoters", locale), result.promoters, result.promoters / n],
      [label("passives", locale), result.passives, result.passives / n],
      [label("detractors", locale), result.detractors, result.detractors / n],
      [label("answers", locale), n, 1],
      [label("nps", locale), result.score, ""],
      [label("standardError", locale), result.standardError, ""],
      [label("marginOfError", locale), result.marginOfError, ""],
      [label("npsLow", locale), result.score - result.marginOfError, ""],
      [label("npsHigh", locale), result.score + result.marginOfError, ""],
    ];
  });
}

/**
 * Customer satisfaction (CSAT), as a fraction: the share of answers in the top boxes of the scale (4-5 on a 1-5 scale). Blank cells are skipped. 10 answers, 7 of them 4 or 5, give 0.7.
 * @customfunction CSAT
 * @param scores The survey answers, whole numbers from 1 to scale_max (blanks are skipped).
 * @param [scale_max] Top of the answer scale. Default 5.
 * @param [top_boxes] How many top answers count as satisfied. Default 2 (4 and 5 on a 1-5 scale).
 * @param invocation Invocation
 * @returns CSAT as a fraction; format the cell as a percentage.
 * @requiresParameterAddresses
 */
export function CSAT(scores: unknown[][], scale_max: unknown, top_boxes: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["scores", "scale_max", "top_boxes"], invocation);
  return run(call, () => {
    const scaleMax = optionalNumber(call, "scale_max", scale_max) ?? 5;
    const topBoxes = optionalNumber(call, "top_boxes", top_boxes) ?? 2;
    return [[customerSatisfaction(rangeNumbers(call, "scores", scores, true).values, scaleMax, topBoxes)]];
  });
}

/**
 * Customer satisfaction index (CSI) on 0-100: the mean of 1-10 answers, optionally weighted by importance, rescaled as (mean − 1) / 9 × 100. Blank answers are skipped.
 * @customfunction CSI
 * @param scores Answers on a 1-10 scale; one column per question (attribute) is fine.
 * @param [weights] Importance weights: one per answer (same size as scores), or one per column of scores, or one per row.
 * @param invocation Invocation
 * @returns CSI from 0 to 100.
 * @requiresParameterAddresses
 */
export function CSI(scores: unknown[][], weights: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["scores", "weights"], invocation);
  return run(call, () => {
    const answers = rangeNumbers(call, "scores", scores, true);
    if (optionalScalarOrRange(weights) === undefined) return [[customerSatisfactionIndex(answers.values)]];
    return [[customerSatisfactionIndex(answers.values, answerWeights(call, scores, weights, answers.sourceIndex))]];
  });
}

/** One weight per kept answer, from weights given per answer, per column or per row of the scores. */
function answerWeights(call: Call, scores: unknown[][], weights: unknown[][], sourceIndex: Int32Array | undefined): Float64Array {
  const scoreShape = shapeOf(asMatrix(scores));
  const given = rangeNumbers(call, "weights", weights, false).values;
  const weightShape = shapeOf(asMatrix(weights));
  let weightOf: (rangeIndex: number) => number;
  if (weightShape.rows === scoreShape.rows && weightShape.columns === scoreShape.columns) weightOf = (k) => given[k] as number;
  // A row of weights goes with the columns (questions), a column of weights with the rows (respondents).
  else if (weightShape.rows === 1 && weightShape.columns === scoreShape.columns) weightOf = (k) => given[k % scoreShape.columns] as number;
  else if (weightShape.columns === 1 && weightShape.rows === scoreShape.rows) weightOf = (k) => given[Math.floor(k / scoreShape.columns)] as number;
  else return call.fail("value", "shapeMismatch", "weights", { shape: showShape(asMatrix(weights)), other: "scores", otherShape: showShape(asMatrix(scores)) });
  const count = sourceIndex?.length ?? scoreShape.rows * scoreShape.columns;
  return Float64Array.from({ length: count }, (_, i) => weightOf(sourceIndex === undefined ? i : (sourceIndex[i] as number)));
}

/**
 * Complaint rate, as a fraction: complaints / customers (or orders) in the period. =CX.COMPLAINT_RATE(12,800) is 0.015.
 * @customfunction COMPLAINT_RATE
 * @param complaints Complaints received in the period.
 * @param base Customers (or orders) in the period.
 * @param invocation Invocation
 * @returns Complaint rate as a fraction; format the cell as a percentage.
 * @requiresParameterAddresses
 */
export function COMPLAINT_RATE(complaints: unknown[][], base: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["complaints", "base"], invocation);
  return run(call, () =>
    elementwise(call, [{ name: "complaints", value: complaints }, { name: "base", value: base }], ([c, b]) => complaintRate(c as number, b as number)),
  );
}
