"""
The analyst's peer for `npm run bench` (issue 26): RFM and the cohort table as one would write them in
pandas (Debian's python3-pandas), on the same transactions as CX.RFM and CX.COHORT. The CSV is read
once, before any clock starts; then each line on stdin names one computation ("rfm" or "cohort"),
which is run and timed once, and a JSON line answers with its time and a summary for the bench to
check against the function's: the customers per segment, or the cohort sizes and the sum of shares.
So the bench can alternate turn by turn between the function and pandas, in the same run.

Usage: pandas_peer.py transactions.csv as_of rules.json   (columns: customer, day, amount; days as
Excel serials)
"""
import json
import sys
import time

import numpy as np
import pandas as pd

path, as_of, rules_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rules = json.load(open(rules_path, encoding="utf-8"))
transactions = pd.read_csv(path, dtype={"customer": str, "day": np.int64, "amount": np.float64})
QUINTILES = [0.2, 0.4, 0.6, 0.8]
EPOCH = np.datetime64("1899-12-30")


def rfm(df):
    per_customer = df.groupby("customer", sort=False).agg(last=("day", "max"), frequency=("day", "size"), monetary=("amount", "sum"))
    recency = (as_of - per_customer["last"]).to_numpy()
    frequency = per_customer["frequency"].to_numpy()
    monetary = per_customer["monetary"].to_numpy()
    r = 1 + (recency[:, None] < np.quantile(recency, QUINTILES)).sum(axis=1)
    f = 1 + (frequency[:, None] > np.quantile(frequency, QUINTILES)).sum(axis=1)
    m = 1 + (monetary[:, None] > np.quantile(monetary, QUINTILES)).sum(axis=1)
    within = lambda score, span: (score >= span[0]) & (score <= span[1])
    conditions = [within(r, rs) & within(f, fs) & within(m, ms) for _, rs, fs, ms in rules]
    segment = np.select(conditions, [name for name, *_ in rules], default="Others")
    # the per-customer table CX.RFM spills
    table = pd.DataFrame({"customer": per_customer.index, "recency": recency, "frequency": frequency, "monetary": monetary, "r": r, "f": f, "m": m, "segment": segment})
    return table


def rfm_summary(table):
    return {"segments": table["segment"].value_counts().to_dict()}


def cohort(df):
    # each purchase's month; each customer's first month; the customers buying in each month since
    month = (EPOCH + df["day"].to_numpy().astype("timedelta64[D]")).astype("datetime64[M]")
    months = pd.DataFrame({"customer": df["customer"].to_numpy(), "month": month}).drop_duplicates()
    first = months.groupby("customer", sort=False)["month"].transform("min")
    since = (months["month"].to_numpy() - first.to_numpy()).astype(np.int64)
    table = months.assign(cohort=first, since=since).groupby(["cohort", "since"]).size().unstack(fill_value=0)
    sizes = table[0]
    shares = table.div(sizes, axis=0)
    return shares, sizes


def cohort_summary(result):
    shares, sizes = result
    return {"cohorts": int(len(shares)), "sizes": [int(size) for size in sizes], "share_sum": float(shares.to_numpy().sum())}


# each computation makes the table the function spills; its summary is taken after the clock stops
COMPUTE = {"rfm": (rfm, rfm_summary), "cohort": (cohort, cohort_summary)}
print(json.dumps({"ready": True, "rows": int(len(transactions))}), flush=True)
for line in sys.stdin:
    name = line.strip()
    if name == "":
        continue
    compute, summarize = COMPUTE[name]
    started = time.perf_counter()
    result = compute(transactions)
    elapsed = (time.perf_counter() - started) * 1000
    print(json.dumps({"ms": elapsed, **summarize(result)}), flush=True)
