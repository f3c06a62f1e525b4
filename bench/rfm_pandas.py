"""
RFM as an analyst would write it in pandas, for `npm run bench` to set beside CX.RFM on the same
transactions (Debian's python3-pandas). Per customer: recency (days from the last purchase to
as_of), frequency (purchases) and monetary (total); scores 1-5 from the PERCENTILE.INC quintile cut
points (pandas' linear quantile is the same), and the segment from the rule table the add-in uses.
The CSV is read before the clock starts; printed: the median time of the runs and the customers
per segment, for the bench to check against CX.RFM.

Usage: rfm_pandas.py transactions.csv as_of rules.json runs
"""
import json
import sys
import time

import numpy as np
import pandas as pd

path, as_of, rules_path, runs = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
rules = json.load(open(rules_path, encoding="utf-8"))
transactions = pd.read_csv(path, dtype={"customer": str, "day": np.int64, "amount": np.float64})
QUINTILES = [0.2, 0.4, 0.6, 0.8]


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
    return pd.DataFrame({"customer": per_customer.index, "recency": recency, "frequency": frequency, "monetary": monetary, "r": r, "f": f, "m": m, "segment": segment})


samples = []
for _ in range(runs):
    started = time.perf_counter()
    result = rfm(transactions)
    samples.append((time.perf_counter() - started) * 1000)
samples.sort()
print(json.dumps({"median_ms": samples[len(samples) // 2], "min_ms": samples[0], "segments": result["segment"].value_counts().to_dict()}))
