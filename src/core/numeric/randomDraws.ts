/**
 * Random draws from the distributions the lifetime-value models assume, from a seeded uniform source
 * (seededRandom): for the report's sample data, and for the tests' and bench's simulated customers.
 * BG/NBD (Fader, Hardie & Lee 2005, §2): purchase rate λ ~ Gamma(r, rate α), dropout probability
 * p ~ Beta(a, b); purchases follow a Poisson process, and after each repeat purchase the customer
 * leaves with probability p.
 */

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random())) * Math.cos(2 * Math.PI * random());
}

/** Gamma(shape, scale 1) by Marsaglia & Tsang (2000), boosted for shape < 1. */
export function gamma(random: () => number, shape: number): number {
  if (shape < 1) return gamma(random, shape + 1) * Math.pow(random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function beta(random: () => number, a: number, b: number): number {
  const x = gamma(random, a);
  return x / (x + gamma(random, b));
}

export interface BgNbdParameters {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** One customer's repeat purchase times in (0, age] under BG/NBD (time 0 is the first purchase). */
export function simulateBgNbdRepeats(random: () => number, parameters: BgNbdParameters, age: number): number[] {
  const rate = gamma(random, parameters.r) / parameters.alpha;
  const dropout = beta(random, parameters.a, parameters.b);
  const repeatTimes: number[] = [];
  let time = 0;
  for (;;) {
    time += -Math.log(random()) / rate;
    if (time > age) break;
    repeatTimes.push(time);
    if (random() < dropout) break;
  }
  return repeatTimes;
}
