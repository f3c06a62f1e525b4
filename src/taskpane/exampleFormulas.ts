/**
 * A complete example formula for every CX function, as the catalogue's Insert puts it into a cell:
 * each computes as it stands (test/taskpane/exampleFormulas.test.ts evaluates every one), so the user
 * sees a result at once and replaces the example values with their own ranges. Values are the
 * worked examples of DOMAIN.md where it has one; dates are Excel serials (45292 is 2024-01-01).
 */
const IDS = '{"C1";"C2";"C1";"C3";"C2";"C4";"C1";"C5"}';
const DATES = "{45292;45300;45330;45340;45352;45370;45390;45400}";
const AMOUNTS = "{120;80;60;200;95;40;150;70}";
// 41 purchases of 24 customers: enough repeat buyers for the BG/NBD and Gamma-Gamma fits to converge
const FIT_IDS = '{"C1";"C2";"C2";"C3";"C4";"C5";"C5";"C6";"C6";"C7";"C8";"C9";"C9";"C10";"C10";"C10";"C10";"C11";"C11";"C12";"C13";"C13";"C14";"C15";"C15";"C16";"C17";"C18";"C19";"C19";"C19";"C19";"C20";"C20";"C20";"C21";"C22";"C23";"C23";"C24";"C24"}';
const FIT_DATES = "{45329;45322;45362;45299;45324;45334;45345;45338;45344;45305;45292;45311;45347;45304;45354;45378;45384;45309;45369;45304;45332;45394;45350;45316;45355;45350;45298;45315;45331;45383;45434;45448;45302;45310;45358;45297;45308;45345;45359;45309;45327}";
const FIT_AMOUNTS = "{48;60;22;41;68;68;53;61;68;42;56;60;26;40;37;72;59;73;46;31;29;37;62;20;40;75;78;62;28;62;20;25;39;46;30;61;29;78;21;79;39}";

// The same 24 customers summarised in weeks up to 45460, as a database query would load them.
const SUMMARY_IDS = '{"C1";"C2";"C3";"C4";"C5";"C6";"C7";"C8";"C9";"C10";"C11";"C12";"C13";"C14";"C15";"C16";"C17";"C18";"C19";"C20";"C21";"C22";"C23";"C24"}';
const SUMMARY_X = "{0;1;0;0;1;1;0;0;1;3;1;0;1;0;1;0;0;0;3;2;0;0;1;1}";
const SUMMARY_TX = "{0;5.71;0;0;1.57;0.86;0;0;5.14;11.43;8.57;0;8.86;0;5.57;0;0;0;16.71;8;0;0;2;2.57}";
const SUMMARY_T = "{18.71;19.71;23;19.43;18;17.43;22.14;24;21.29;22.29;21.57;22.29;18.29;15.71;20.57;15.71;23.14;20.71;18.43;22.57;23.29;21.71;16.43;21.57}";
const SUMMARY_M = "{0;22;0;0;53;68;0;0;26;56;46;0;37;0;40;0;0;0;35.67;38;0;0;21;39}";
// The worked example of DOMAIN.md §7: A buys 2024-01-10 and 03-05, B 01-20, C 02-01 and 06-15;
// shown from February, when there are customers at the start (January's churn rate is #N/A).
const BRIDGE_IDS = '{"A";"B";"C";"A";"C"}';
const BRIDGE_DATES = "{45301;45311;45323;45356;45458}";
const BRIDGE_AMOUNTS = "{10;5;7;20;8}";
// Three customers buying in January to March 2024: every month has orders and revenue before it.
const MONTHLY_IDS = '{"A";"B";"C";"A";"A";"B";"C"}';
const MONTHLY_DATES = "{45301;45311;45323;45330;45360;45365;45370}";
const MONTHLY_AMOUNTS = "{100;50;80;150;90;40;80}";
/** The same purchases' regions: B buys in East, then in North, so in March it is active in both. */
const MONTHLY_UNITS = '{"East";"East";"North";"East";"East";"North";"North"}';

export const EXAMPLE_FORMULAS: Readonly<Record<string, string>> = {
  CLV: "=CX.CLV(100,4,5)",
  CLV_RETENTION: "=CX.CLV_RETENTION(100,0.8,0.1)",
  CHURN: "=CX.CHURN(1000,50)",
  RETENTION: "=CX.RETENTION(1000,1050,150)",
  NPS: "=CX.NPS({10;9;9;8;7;6;10;3;9;5})",
  CSAT: "=CX.CSAT({5;4;4;3;5;2;4;5;1;4})",
  CSI: "=CX.CSI({8;9;7;10;6})",
  CAC: "=CX.CAC(100000,200)",
  LTV_CAC: "=CX.LTV_CAC(1500,500)",
  CAC_PAYBACK: "=CX.CAC_PAYBACK(500,100,0.5)",
  AOV: "=CX.AOV(50000,400)",
  CONVERSION: "=CX.CONVERSION(30,1200)",
  COMPLAINT_RATE: "=CX.COMPLAINT_RATE(12,800)",
  PURCHASE_FREQUENCY: "=CX.PURCHASE_FREQUENCY(2400,600,12)",
  REPURCHASE_RATE: `=CX.REPURCHASE_RATE(${IDS})`,
  INACTIVE_SHARE: `=CX.INACTIVE_SHARE(${IDS},${DATES},45500,90)`,
  ENGAGEMENT: "=CX.ENGAGEMENT({12,3,4.5;30,8,10;5,1,0.5})",
  RFM: `=CX.RFM(${IDS},${DATES},${AMOUNTS},45400)`,
  RFM_SUMMARY: `=CX.RFM_SUMMARY(${IDS},${DATES},${AMOUNTS},45400)`,
  RFM_SCORES: "=CX.RFM_SCORES({5;40;90;200;10},{8;3;2;1;5},{900;300;120;40;500})",
  RFM_SEGMENT: "=CX.RFM_SEGMENT(5,5,5)",
  RFM_SEGMENT_SUMMARY: "=CX.RFM_SEGMENT_SUMMARY({5;40;90;200;10},{8;3;2;1;5},{900;300;120;40;500})",
  CLV_FIT: `=CX.CLV_FIT(${FIT_IDS},${FIT_DATES},${FIT_AMOUNTS},45460)`,
  CLV_PREDICT: `=CX.CLV_PREDICT(${FIT_IDS},${FIT_DATES},${FIT_AMOUNTS},12,0.1,0.3,45460)`,
  // With a lapse window of 120 days nine customers are still active and overdue: the five of most value at risk.
  AT_RISK: `=CX.AT_RISK(${FIT_IDS},${FIT_DATES},${FIT_AMOUNTS},5,45460,,120)`,
  // 2024-Q2 with W = 92: A (last purchase 03-05) and B (01-20) lapse in it; C bought again.
  WIN_BACK: `=CX.WIN_BACK(${BRIDGE_IDS},${BRIDGE_DATES},${BRIDGE_AMOUNTS},45383,45473,92)`,
  // 2024-Q1: A (first purchase 01-10, 30 in the quarter), C (02-01, 7) and B (01-20, 5).
  NEW_CUSTOMERS: `=CX.NEW_CUSTOMERS(${BRIDGE_IDS},${BRIDGE_DATES},${BRIDGE_AMOUNTS},45292,45382)`,
  P_ALIVE: "=CX.P_ALIVE(2,30.43,38.86,0.243,4.414,0.793,2.426)",
  EXPECTED_PURCHASES: "=CX.EXPECTED_PURCHASES(39,2,30.43,38.86,0.243,4.414,0.793,2.426)",
  COHORT: `=CX.COHORT(${IDS},${DATES},"month")`,
  CLV_FIT_SUMMARY: `=CX.CLV_FIT_SUMMARY(${SUMMARY_X},${SUMMARY_TX},${SUMMARY_T},${SUMMARY_M},"weeks")`,
  CLV_PREDICT_SUMMARY: `=CX.CLV_PREDICT_SUMMARY(${SUMMARY_IDS},${SUMMARY_X},${SUMMARY_TX},${SUMMARY_T},${SUMMARY_M},12,0.01,0.3)`,
  CUSTOMER_BRIDGE: `=CX.CUSTOMER_BRIDGE(${BRIDGE_IDS},${BRIDGE_DATES},"month",90,"2024-02-01")`,
  REVENUE_BRIDGE: `=CX.REVENUE_BRIDGE(${MONTHLY_IDS},${MONTHLY_DATES},${MONTHLY_AMOUNTS},"month","2024-02-01")`,
  PERIOD_KPIS: `=CX.PERIOD_KPIS(${MONTHLY_IDS},${MONTHLY_DATES},${MONTHLY_AMOUNTS},"month")`,
  BY_UNIT: `=CX.BY_UNIT(${MONTHLY_IDS},${MONTHLY_DATES},${MONTHLY_AMOUNTS},${MONTHLY_UNITS},"month")`,
};

/** The example formula for a function of the catalogue (the bare call where none is known). */
export function exampleFormula(name: string): string {
  return EXAMPLE_FORMULAS[name] ?? `=CX.${name}()`;
}
