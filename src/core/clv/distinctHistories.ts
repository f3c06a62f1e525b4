/**
 * The distinct (x, t_x, T) histories among many customers, and which one each customer has. The
 * BG/NBD likelihood and forecast depend on a customer only through that triple, and a million
 * customers summarised to the day share far fewer of them: computing once per distinct triple is what
 * makes a million customers take seconds. Keys are numbers, not text (building a text key per
 * customer took longer than the fit itself).
 */
export interface DistinctHistories {
  readonly frequency: Float64Array;
  readonly recency: Float64Array;
  readonly age: Float64Array;
  /** Summed weight of the customers with each triple (1 each without weights). */
  readonly weight: Float64Array;
  /** For each customer, the index of its triple. */
  readonly of: Int32Array;
}

export function distinctHistories(frequency: ArrayLike<number>, recency: ArrayLike<number>, age: ArrayLike<number>, weights?: ArrayLike<number>): DistinctHistories {
  const n = frequency.length;
  // Number the distinct times (t_x and T together) and the distinct x.
  const times = new Map<number, number>();
  const xs = new Map<number, number>();
  const number = (map: Map<number, number>, value: number): number => {
    let id = map.get(value);
    if (id === undefined) {
      id = map.size;
      map.set(value, id);
    }
    return id;
  };
  const txOf = new Int32Array(n);
  const ageOf = new Int32Array(n);
  const xOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    xOf[i] = number(xs, frequency[i] as number);
    txOf[i] = number(times, recency[i] as number);
    ageOf[i] = number(times, age[i] as number);
  }
  const nt = times.size;
  const exact = xs.size * nt * nt < Number.MAX_SAFE_INTEGER;
  const index = new Map<number | string, number>();
  const of = new Int32Array(n);
  const picked: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = exact ? ((xOf[i] as number) * nt + (txOf[i] as number)) * nt + (ageOf[i] as number) : `${xOf[i] as number}|${txOf[i] as number}|${ageOf[i] as number}`;
    let id = index.get(key);
    const w = weights === undefined ? 1 : (weights[i] as number);
    if (id === undefined) {
      id = picked.length;
      index.set(key, id);
      picked.push(i);
      weight.push(w);
    } else {
      weight[id] = (weight[id] as number) + w;
    }
    of[i] = id;
  }
  return {
    frequency: Float64Array.from(picked, (i) => frequency[i] as number),
    recency: Float64Array.from(picked, (i) => recency[i] as number),
    age: Float64Array.from(picked, (i) => age[i] as number),
    weight: Float64Array.from(weight),
    of,
  };
}
