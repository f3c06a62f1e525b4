import {
  averageOrderValue, cacPaybackMonths, churnRate, complaintRate, conversionRate, customerAcquisitionCost,
  customerLifetimeValue, ltvToCac, purchaseFrequency, retentionLifetimeValue, retentionRate,
} from "../../src/core";
import { expectClose } from "../helpers/close";
import { errorOf } from "../helpers/errors";


describe("worked examples of shared/DOMAIN.md §1", () => {
  test("CAC: 100,000 spent, 200 new customers → 500", () => {
    expect(customerAcquisitionCost(100_000, 200)).toBe(500);
  });
  test("CLV: 100 per order, 4 orders a year, 5 years → 2,000", () => {
    expect(customerLifetimeValue({ averageOrderValue: 100, purchasesPerPeriod: 4, lifespanPeriods: 5 })).toBe(2000);
  });
  test("CLV with a gross margin multiplies it in", () => {
    expect(customerLifetimeValue({ averageOrderValue: 100, purchasesPerPeriod: 4, lifespanPeriods: 5, grossMargin: 0.4 })).toBeCloseTo(800, 10);
  });
  test("churn: 1,000 customers, 50 lost → 5 %", () => {
    expect(churnRate(1000, 50)).toBe(0.05);
  });
  test("LTV:CAC and payback as §1 defines them", () => {
    expect(ltvToCac(1500, 500)).toBe(3);
    expect(cacPaybackMonths(500, 100, 0.5)).toBe(10);
  });
});

describe("discounted CLV (shared/DOMAIN.md §5)", () => {
  test("is the sum over periods of value / (1 + i)^t, worked by hand for 3 periods at 10 %", () => {
    // 400/1.1 + 400/1.21 + 400/1.331 = 363.636… + 330.578… + 300.526… = 994.740…
    const expected = 400 / 1.1 + 400 / 1.21 + 400 / 1.331;
    expectClose(customerLifetimeValue({ averageOrderValue: 100, purchasesPerPeriod: 4, lifespanPeriods: 3, discountRate: 0.1 }), expected, 1e-9);
  });
  test("a fractional last period counts pro rata and keeps CLV continuous in the lifespan", () => {
    const at = (lifespan: number): number => customerLifetimeValue({ averageOrderValue: 100, purchasesPerPeriod: 1, lifespanPeriods: lifespan, discountRate: 0.1 });
    expectClose(at(2.5), 100 / 1.1 + 100 / 1.21 + 50 / 1.331, 1e-9);
    expectClose(at(2.999999), at(3), 1e-3);
  });
  test("falls as the discount rate rises", () => {
    const at = (rate: number): number => customerLifetimeValue({ averageOrderValue: 80, purchasesPerPeriod: 3, lifespanPeriods: 6, discountRate: rate });
    expect(at(0.05)).toBeLessThan(at(0.01));
    expect(at(0.2)).toBeLessThan(at(0.05));
  });
});

describe("retention-based CLV (Gupta & Lehmann; shared/DOMAIN.md §5)", () => {
  test("m 100, r 0.8, i 0.1 → 266.67", () => {
    expectClose(retentionLifetimeValue(100, 0.8, 0.1), 266.6666666667, 1e-9);
  });
  test("r = 1 with no discounting has no finite value: #NUM!", () => {
    expect(errorOf(() => retentionLifetimeValue(100, 1, 0)).kind).toBe("num");
  });
  test("a retention typed as a percentage number (80) is refused with a hint", () => {
    const error = errorOf(() => retentionLifetimeValue(100, 80, 0.1));
    expect(error.kind).toBe("value");
    expect(error.message).toBe("retention_rate is 80; enter a fraction from 0 to 1 (for 40 % enter 0.4 or 40%).");
  });
});

describe("churn and retention", () => {
  test("churn over the average of start and end counts", () => {
    expect(churnRate(1000, 50, 900, "average")).toBeCloseTo(50 / 950, 15);
  });
  test("churn method average without an end count names the missing argument", () => {
    expect(errorOf(() => churnRate(1000, 50, undefined, "average")).message).toBe('customers_end is needed when method is "average".');
  });
  test("more customers lost than at the start is bad input", () => {
    expect(errorOf(() => churnRate(10, 11)).message).toBe("customers_lost is 11, more than customers_start (10).");
  });
  test("no customers at the start is #DIV/0!", () => {
    expect(errorOf(() => churnRate(0, 0)).kind).toBe("div0");
  });
  test("retention: (1,050 at the end − 150 new) / 1,000 → 0.9", () => {
    expect(retentionRate(1000, 1050, 150)).toBe(0.9);
  });
  test("retention cannot exceed 1 or use more new customers than there are at the end", () => {
    expect(errorOf(() => retentionRate(100, 300, 50)).key).toBe("exceeds");
    expect(errorOf(() => retentionRate(100, 50, 60)).key).toBe("exceeds");
  });
});

describe("ratios of §2", () => {
  test("AOV, conversion, complaint rate, purchase frequency by hand", () => {
    expect(averageOrderValue(50_000, 400)).toBe(125);
    expect(conversionRate(30, 1200)).toBe(0.025);
    expect(complaintRate(12, 800)).toBe(0.015);
    expect(purchaseFrequency(2400, 600, 12)).toBeCloseTo(1 / 3, 15);
  });
  test("zero denominators are #DIV/0! and negative counts #VALUE!", () => {
    expect(errorOf(() => averageOrderValue(10, 0)).kind).toBe("div0");
    expect(errorOf(() => conversionRate(-1, 10)).message).toBe("converted is -1; it cannot be negative.");
    expect(errorOf(() => conversionRate(11, 10)).key).toBe("exceeds");
    expect(errorOf(() => purchaseFrequency(10, 5, 0)).kind).toBe("div0");
  });
  test("huge inputs that overflow are #NUM!, never Infinity", () => {
    expect(errorOf(() => customerAcquisitionCost(1e308, 1e-300)).kind).toBe("num");
    expect(errorOf(() => customerLifetimeValue({ averageOrderValue: 1e300, purchasesPerPeriod: 1e300, lifespanPeriods: 1 })).kind).toBe("num");
  });
});
