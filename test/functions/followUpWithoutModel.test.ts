/**
 * CX.AT_RISK where no BG/NBD model can be fitted (DOMAIN.md §11: "else by historical value"): the
 * overdue customers ranked by what they spent, P(alive) and value at risk left blank. The fit is made
 * to fail here (it settles, penalised, on any data with a repeat buyer, which every overdue customer is).
 */
import { CxError } from "../../src/core/errors";
import { column, invocation, table } from "../helpers/excel";

jest.mock("../../src/core/clv/betaGeometricNbd", () => ({
  ...jest.requireActual("../../src/core/clv/betaGeometricNbd"),
  fitBgNbd: () => {
    throw new CxError("value", "noRepeatBuyers", { arg: "customer_ids" });
  },
}));

import * as cx from "../../src/functions/functions";

test("without a model: the overdue by historical value, P(alive) and value at risk blank", () => {
  // as_of 2024-04-30: A (usual 30.5, 59 days since) and E (usual 10, 79 days since) are overdue; B is on time
  const list = table(() => cx.AT_RISK(
    column("A", "A", "A", "B", "B", "E", "E"), column(45292, 45323, 45353, 45383, 45402, 45323, 45333), column(100, 100, 100, 70, 70, 100, 400),
    [[10]], [[45412]], "en-US", [[90]], null, invocation(),
  ));
  expect(list.slice(1)).toEqual([["E", 79, 10, 500, "", ""], ["A", 59, 30.5, 300, "", ""]]);
});
