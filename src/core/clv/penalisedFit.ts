import { nelderMead } from "../numeric/nelderMead";
import { newtonPolish } from "../numeric/newtonPolish";

/**
 * The penalties tried, smallest first, when the likelihood's maximum lies on a boundary of the
 * parameter space (small, irregular data: no dropout seen, every customer buying at one rate), where
 * an optimiser walks off towards infinity and never settles. Each is lifetimes' penalizer_coef: the
 * average negative log-likelihood plus penalty × Σ (ln θ − ln θ₀)², a ridge on the log parameters
 * towards a neutral centre θ₀.
 */
export const PENALTIES = [0.001, 0.01, 0.1, 1] as const;

/**
 * How far (in natural-log units) a fitted parameter may lie from the centre and still count as an
 * interior maximum: e^9.2 ≈ 10,000 times larger or smaller. Beyond, the optimiser has followed a
 * ridge towards a boundary (r and α growing together is the Poisson limit), where its gradient is
 * small though no maximum is there; the fit is then penalised.
 */
const INTERIOR = Math.log(1e4);

export interface PenalisedFit {
  /** The log parameters found. */
  readonly point: Float64Array;
  /** The (unpenalised) negative log-likelihood there. */
  readonly negLogLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** 0: the maximum-likelihood fit; else the penalty it took to settle. */
  readonly penalty: number;
}

/**
 * Fits by maximum likelihood over log parameters (Nelder–Mead to the basin, Newton steps to the
 * optimum, from each start until one settles); where none settles, or the fit is one `usable`
 * rejects, again with the smallest penalty of PENALTIES that gives a settled, usable fit.
 *
 * @param negLogLikelihood −ln L at log parameters
 * @param centre the log parameters the penalty pulls towards
 * @param customers how many customers the likelihood sums over (the penalty is per customer, as lifetimes')
 * @returns undefined when not even the largest penalty settles
 */
export function penalisedFit(
  negLogLikelihood: (logs: Float64Array) => number,
  starts: readonly (readonly number[])[],
  centre: readonly number[],
  customers: number,
  usable: (point: Float64Array) => boolean = () => true,
): PenalisedFit | undefined {
  let iterations = 0;
  for (const penalty of [0, ...PENALTIES]) {
    const objective = penalty === 0 ? negLogLikelihood : (logs: Float64Array): number => {
      let ridge = 0;
      for (let i = 0; i < logs.length; i++) ridge += ((logs[i] as number) - (centre[i] as number)) ** 2;
      return negLogLikelihood(logs) + customers * penalty * ridge;
    };
    let best: ReturnType<typeof newtonPolish> | undefined;
    for (const start of starts) {
      const result = newtonPolish(objective, nelderMead(objective, [...start], { maxIterations: 2000, tolerance: 1e-8 }));
      iterations += result.iterations;
      if (best === undefined || result.value < best.value) best = result;
      if (best.converged && Number.isFinite(best.value)) break;
    }
    const interior = best !== undefined && Array.from(best.point).every((value, i) => Number.isFinite(value) && Math.abs(value - (centre[i] as number)) <= INTERIOR);
    if (best !== undefined && best.converged && Number.isFinite(best.value) && interior && usable(best.point)) {
      return { point: best.point, negLogLikelihood: negLogLikelihood(best.point), iterations, converged: true, penalty };
    }
  }
  return undefined;
}
