package dev.sextant.acquisition.lookahead;

import dev.sextant.acquisition.AcquisitionFunction;
import dev.sextant.acquisition.numerics.SafeMath;
import dev.sextant.acquisition.optim.AcquisitionOptimizer;
import dev.sextant.acquisition.optim.OptimizerOptions;
import dev.sextant.surrogate.model.GpModel;
import dev.sextant.surrogate.optim.Lbfgsb;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One-shot multi-step lookahead (Jiang, Jiang, Balandat, Karrer, Gardner, Garnett, NeurIPS 2020): the whole
 * k-step decision tree is one optimisation problem.
 *
 * <h2>The tree</h2>
 * Decision points: x₀ (depth 0); for each of its m₁ fantasy observations y₀⁽ⁱ⁾ a point x₁⁽ⁱ⁾ (depth 1); for each of
 * the m₂ fantasies of every x₁⁽ⁱ⁾ a point x₂⁽ⁱʲ⁾ … down to depth k. All N = 1 + m₁ + m₁m₂ + … points are optimised
 * jointly (bounded L-BFGS, analytic gradient); x₀ is the proposal. Replacing each inner max by a free point per
 * fantasy turns max-expectation-max… into a single max because the maximiser of a sum over fantasies decouples.
 *
 * <h2>Fantasies without refactorisation</h2>
 * Let the base posterior (given the data D, one Cholesky L of K = k(X,X) + σ²ₙI) have mean m₀(·) and covariance
 * C₀(·,·) = k(·,·) − vᵀ(·)v(·), v(a) = L⁻¹k(X, a). Take a root-to-node path a₀ = x₀, a₁, …, a_t. The joint
 * predictive covariance of observations at the path is S = C₀(A, A) + σ²ₙI, and the block-updated training Cholesky
 * of [X; A] is [[L, 0], [V, L_A]] with V = k(A,X)L⁻ᵀ and L_A = chol(S) — so conditioning on the path is exactly the
 * Cholesky L_A of the small path matrix, and row t of L_A depends only on a₀…a_t. Each tree node therefore owns
 * one Cholesky row (a rank-1 extension of its parent's factor) that all its fantasies share.
 * Fantasy observations with fixed base samples z are y_s = m₀(a_s) + Σ_{r≤s} (L_A)_{sr} z_r, i.e. y = μ + σ·z
 * along the path with μ, σ the sequentially conditioned predictive moments. Consequently, given the fantasies on
 * its path, f(a_t) has
 * <pre>
 *   mean      μ_t = m₀(a_t) + Σ_{s<t} (L_A)_{ts} z_s          (linear in the fantasies; the covariance is not
 *   variance  σ²_t = (L_A)_{tt}² − σ²ₙ                          affected by their values)
 * </pre>
 *
 * <h2>Values</h2>
 * EXPECTED_IMPROVEMENT: Σ over nodes of w_t·EI(μ_t, σ_t; b_t), w_t = 1/(m₁…m_t), incumbent b₀ = best posterior
 * mean at the data and b_{t+1} = max(b_t, y_t) along the path — the expected cumulative improvement
 * E[max(b₀, y₀, …, y_k) − b₀] of the tree policy. It is optimised as its logarithm (log-sum-exp over the nodes of
 * log w_t + log EI, with a cancellation-free log EI), which has the same maximiser.
 * POSTERIOR_MEAN: Σ over leaves of w_k·μ_k minus the base best posterior mean; for k = 1 this is the one-shot
 * knowledge gradient qKG (q = 1).
 *
 * <h2>Gradients</h2>
 * Reverse mode through: the stage values → (μ_t, σ_t, b_t) → the Cholesky rows (backward recursion through the
 * row formulas, adjoints flowing into the ancestors' rows) → S entries C₀(a_t, a_s) and m₀(a_t) → the points, via
 * ∂C₀(a,b)/∂a = ∂k(a,b)/∂a − (∂k(a,X)/∂a)ᵀK⁻¹k(X,b) and ∂m₀(a)/∂a = (∂k(a,X)/∂a)ᵀβ. This includes the dependence of
 * every fantasy posterior on x₀ and the other ancestors. Checked against central differences in the tests.
 *
 * <p>Base samples: step t uses the m_t mid-point normal quantiles Φ⁻¹((j + ½)/m_t), rescaled to unit second
 * moment, for every parent (a deterministic product quadrature; no seed needed).
 *
 * <h2>Batches (q points per stage)</h2>
 * With {@link LookaheadOptions#batchSizes()} q₀…q_k, a stage-t node holds q_t points x¹…x^q evaluated together.
 * Its value is the joint expected improvement E[max(b, f¹, …, f^q)] − b, which telescopes into
 * EI(x¹; b) + E_{y¹}[EI(x² | y¹; max(b, y¹))] + … — exactly the value of a chain of single points in which x² is
 * the <em>same</em> decision under every fantasy of y¹. So a batch is expanded into q levels of the single-point tree
 * above: level i + 1 branches G ways (G = {@link LookaheadOptions#batchQuadrature()} mid-point quantiles) from level
 * i, and all G copies of x^{i+1} are tied to one decision variable; stage t + 1 then branches m_{t+1} ways from each
 * copy of x^q, i.e. on G^{q−1}·m_{t+1} joint fantasies of the batch (a product quadrature of its conditional
 * observations), each with its own next-stage batch. The objective is evaluated on this virtual tree (the same
 * Cholesky-row conditioning, values and reverse-mode gradient) and the gradient of a tied variable is the sum over
 * its copies. Compact trees (the optimisation variables, {@link #nodes()} points) list the stages in order, the
 * stage nodes breadth first, each node's batch contiguous, so the first q₀ points are the proposals. For the
 * posterior-mean value the root batch gives the one-shot qKG; its leaves stay single points (the recommendation).
 * All batch sizes 1 (the default) is the plain tree, with no expansion.
 *
 * <h2>Optimisation</h2>
 * The tree value is multimodal in x₀ and slow to converge in the deep points, so the starts matter (Jiang et al.
 * initialise from myopic optima). {@link #optimize} ranks {@value #MIN_RAW} (at least; 128·d) uniform points by
 * the base log EI, runs L-BFGS on the log EI from the best 2·restarts of them and keeps the distinct local
 * maximisers as roots (the myopic choice and its runners-up); for each root, and for the roots of the best of
 * {@code initialTrees} random trees, every later point is set breadth first to the best of a few candidates for
 * its own stage value and then moved by {@value #NODE_ITERATIONS} L-BFGS iterations to a local maximiser of that
 * value under the GP conditioned on its path's fantasies (per-fantasy myopic optima). Every start (these, the best
 * random trees, the warm start) gets {@value #SCREEN_ITERATIONS} L-BFGS iterations on the whole tree; the best
 * {@code restarts} continue to {@code maxIterations}. With parameter constraints the best starts go through the
 * acquisition module's optimiser instead ({@link #constrain}).
 *
 * <p>Not thread-safe (owns workspaces). Cost per evaluation O(N·n² + N·k²) with n data points.
 */
public final class MultiStepLookahead {
    private final GpModel model;
    private final LookaheadOptions options;
    private final TreeObjective objective;
    private final double baseline;
    private final double incumbent;
    /** Compact slot of every virtual node (null when every batch is 1: the identity). */
    private final int[] slot;
    /** First virtual node of every compact slot. */
    private final int[] firstVirtual;
    private final int points;
    private final double[] virtualTree;
    private final double[] virtualGrad;
    private double[][] constraintA;
    private double[] constraintB;
    private java.util.function.Predicate<double[]> rowFeasible;

    public MultiStepLookahead(GpModel model, LookaheadOptions options) {
        this.model = model;
        this.options = options;
        this.incumbent = model.bestPosteriorMean();
        this.baseline = options.value() == LeafValue.POSTERIOR_MEAN ? incumbent : 0;
        int[] m = options.fantasies();
        int[] q = options.batchSizes();
        int g = options.batchQuadrature();
        // virtual levels: stage t, batch position i; level (t, i) branches G ways from (t, i − 1) and m_t ways from
        // the last level of stage t − 1
        int levels = 0;
        for (int qt : q) {
            levels += qt;
        }
        int[] levelStage = new int[levels];
        int[] levelPos = new int[levels];
        int[] vf = new int[levels - 1];
        int l = 0;
        for (int t = 0; t < q.length; t++) {
            for (int i = 0; i < q[t]; i++, l++) {
                levelStage[l] = t;
                levelPos[l] = i;
                if (l > 0) {
                    vf[l - 1] = i > 0 ? g : m[t - 1];
                }
            }
        }
        double[][] z = new double[vf.length][];
        for (int t = 0; t < vf.length; t++) {
            z[t] = baseSamples(vf[t]);
        }
        this.objective = new TreeObjective(model, vf, z, options.value(), incumbent, baseline);
        int nv = objective.nodes;
        if (!options.batched()) {
            slot = null;
            firstVirtual = null;
            points = nv;
            virtualTree = null;
            virtualGrad = null;
        } else {
            slot = new int[nv];
            int[] stageNode = new int[nv];
            int ids = 1;
            for (int v = 1; v < nv; v++) {
                int lv = objective.depth[v];
                stageNode[v] = levelPos[lv] == 0 ? ids++ : stageNode[objective.parent[v]];
            }
            int[] base = new int[ids];
            int[] stageOf = new int[ids];
            for (int v = 0; v < nv; v++) {
                stageOf[stageNode[v]] = levelStage[objective.depth[v]];
            }
            int count = 0;
            for (int id = 0; id < ids; id++) {
                base[id] = count;
                count += q[stageOf[id]];
            }
            points = count;
            firstVirtual = new int[count];
            Arrays.fill(firstVirtual, -1);
            for (int v = 0; v < nv; v++) {
                slot[v] = base[stageNode[v]] + levelPos[objective.depth[v]];
                if (firstVirtual[slot[v]] < 0) {
                    firstVirtual[slot[v]] = v;
                }
            }
            virtualTree = new double[nv * model.dimension()];
            virtualGrad = new double[nv * model.dimension()];
        }
    }

    /**
     * Parameter constraints every point of the tree must satisfy (all of them are trials the tree plans to run):
     * linear rows A·x ≤ b in the unit cube (null or empty: none) and a per-point test for constraints that are not
     * linear there (null: none). The optimisation then goes through the acquisition module's
     * {@link AcquisitionOptimizer} (penalty during L-BFGS-B, projection of every point onto the linear constraints,
     * infeasible results discarded) from this tree search's own starts. Returns this.
     */
    public MultiStepLookahead constrain(double[][] a, double[] b, java.util.function.Predicate<double[]> feasible) {
        boolean linear = a != null && a.length > 0;
        if (linear && (b == null || b.length != a.length)) {
            throw new IllegalArgumentException("need one bound per constraint row");
        }
        this.constraintA = linear ? a : null;
        this.constraintB = linear ? b : null;
        this.rowFeasible = feasible;
        return this;
    }

    private boolean constrained() {
        return constraintA != null || rowFeasible != null;
    }

    /** The tree objective at a compact tree (points × d); grad (points × d) overwritten when not null. */
    private double evaluate(double[] tree, double[] grad) {
        if (slot == null) {
            return objective.evaluate(tree, grad);
        }
        int d = model.dimension();
        expand(tree, virtualTree);
        double v = objective.evaluate(virtualTree, grad == null ? null : virtualGrad);
        if (grad != null) {
            Arrays.fill(grad, 0);
            for (int node = 0; node < slot.length; node++) {
                int go = slot[node] * d;
                int vo = node * d;
                for (int j = 0; j < d; j++) {
                    grad[go + j] += virtualGrad[vo + j];
                }
            }
        }
        return v;
    }

    /** Every virtual node gets its compact slot's point. */
    private void expand(double[] tree, double[] out) {
        int d = model.dimension();
        for (int node = 0; node < slot.length; node++) {
            System.arraycopy(tree, slot[node] * d, out, node * d, d);
        }
    }

    /** The virtual tree of a compact tree (a copy when every batch is 1). */
    private double[] toVirtual(double[] tree) {
        if (slot == null) {
            return tree.clone();
        }
        double[] out = new double[objective.variables()];
        expand(tree, out);
        return out;
    }

    /** The compact tree whose every slot takes its first virtual copy's point. */
    private double[] toCompact(double[] vtree) {
        if (slot == null) {
            return vtree.clone();
        }
        int d = model.dimension();
        double[] out = new double[points * d];
        for (int s = 0; s < points; s++) {
            System.arraycopy(vtree, firstVirtual[s] * d, out, s * d, d);
        }
        return out;
    }

    /** The m mid-point normal quantiles, rescaled to mean square 1 (m = 1 gives the single sample 0). */
    static double[] baseSamples(int m) {
        double[] z = new double[m];
        double ss = 0;
        for (int j = 0; j < m; j++) {
            z[j] = SafeMath.normalQuantile((j + 0.5) / m);
            ss += z[j] * z[j];
        }
        if (ss > 0) {
            double s = Math.sqrt(m / ss);
            for (int j = 0; j < m; j++) {
                z[j] *= s;
            }
        }
        return z;
    }

    /**
     * The warm start for the next iteration after x₀ of {@code old} was evaluated (Jiang et al.): the subtree under
     * the first-step fantasy whose base sample is closest to the observed standardised innovation zObserved moves
     * up one level — its point becomes the new root, its descendants fill the levels below (cycled where the new
     * tree is wider, repeated where it is deeper). old: N_old×d for oldFantasies; returns a tree for newFantasies.
     */
    public static double[] shiftedWarmStart(double[] old, int[] oldFantasies, double zObserved, int[] newFantasies,
                                            int d) {
        if (oldFantasies.length == 0) {
            return null;
        }
        double[] z = baseSamples(oldFantasies[0]);
        int child = 0;
        for (int j = 1; j < z.length; j++) {
            if (Math.abs(z[j] - zObserved) < Math.abs(z[child] - zObserved)) {
                child = j;
            }
        }
        int[] oldOffset = levelOffsets(oldFantasies);
        int[] newOffset = levelOffsets(newFantasies);
        int newNodes = newOffset[newFantasies.length + 1];
        if (old.length != oldOffset[oldFantasies.length + 1] * d) {
            throw new IllegalArgumentException("old tree has " + old.length + " entries, expected "
                    + oldOffset[oldFantasies.length + 1] * d);
        }
        int[] src = new int[newNodes];       // old node index
        int[] srcDepth = new int[newNodes];
        int[] srcLocal = new int[newNodes];  // index within its old level
        src[0] = oldOffset[1] + child;
        srcDepth[0] = 1;
        srcLocal[0] = child;
        double[] tree = new double[newNodes * d];
        System.arraycopy(old, src[0] * d, tree, 0, d);
        for (int t = 1; t <= newFantasies.length; t++) {
            int m = newFantasies[t - 1];
            for (int l = 0; l < newOffset[t + 1] - newOffset[t]; l++) {
                int node = newOffset[t] + l;
                int parent = newOffset[t - 1] + l / m;
                int j = l % m;
                int pd = srcDepth[parent];
                if (pd < oldFantasies.length) {
                    int mo = oldFantasies[pd];
                    srcLocal[node] = srcLocal[parent] * mo + (j % mo);
                    srcDepth[node] = pd + 1;
                    src[node] = oldOffset[pd + 1] + srcLocal[node];
                } else {
                    srcLocal[node] = srcLocal[parent];
                    srcDepth[node] = pd;
                    src[node] = src[parent];
                }
                System.arraycopy(old, src[node] * d, tree, node * d, d);
            }
        }
        return tree;
    }

    /** offsets[t] = index of the first node at depth t; offsets[k + 1] = number of nodes. */
    static int[] levelOffsets(int[] fantasies) {
        int[] off = new int[fantasies.length + 2];
        int count = 1;
        off[1] = 1;
        for (int t = 1; t <= fantasies.length; t++) {
            count *= fantasies[t - 1];
            off[t + 1] = off[t] + count;
        }
        return off;
    }

    /**
     * Number of decision points N: Σ over the tree's nodes of their batch sizes (1 + m₁ + m₁m₂ + … when every batch
     * is 1). Tree vectors hold them stage by stage, node by node breadth first, a node's batch contiguous; the
     * first q₀ are the proposals.
     */
    public int nodes() {
        return points;
    }

    /** Points the objective evaluates: N, or more with batches (each inner batch point repeated per quadrature node). */
    public int virtualNodes() {
        return objective.nodes;
    }

    /** Length of a tree vector, N·d. */
    public int variables() {
        return points * model.dimension();
    }

    /** The q₀ proposals of an optimised tree (q₀×d, row-major). */
    public int proposals() {
        return options.batchSizes()[0];
    }

    public int dimension() {
        return model.dimension();
    }

    public LookaheadOptions options() {
        return options;
    }

    /** Tree value (units of the options' {@link LeafValue}) at tree (N×d, unit cube; not modified). */
    public double value(double[] tree) {
        checkTree(tree);
        return report(evaluate(tree, null));
    }

    /**
     * The optimised objective (log value for both EI variants; the value itself for POSTERIOR_MEAN) and its
     * gradient wrt every decision variable into grad (N·d, overwritten). tree not modified.
     */
    public double objectiveAndGradient(double[] tree, double[] grad) {
        checkTree(tree);
        if (grad.length != variables()) {
            throw new IllegalArgumentException("grad must have N·d = " + variables() + " entries");
        }
        return evaluate(tree, grad);
    }

    /** The optimised objective without gradient. */
    public double objective(double[] tree) {
        checkTree(tree);
        return evaluate(tree, null);
    }

    /** Optimises the whole tree; warmStart (N×d, e.g. the previous iteration's tree) is used as one start when not null. */
    public LookaheadResult optimize(double[] warmStart) {
        return optimize(warmStart, null);
    }

    /** As {@link #optimize(double[])} with x₀ held at fixedRoot (d) when it is not null (tests, analysis). */
    LookaheadResult optimize(double[] warmStart, double[] fixedRoot) {
        int p = variables();
        int d = model.dimension();
        double[] lo = new double[p];
        double[] hi = filled(p, 1.0);
        if (fixedRoot != null) {
            for (int i = 0; i < d; i++) {
                lo[i] = fixedRoot[i];
                hi[i] = fixedRoot[i];
            }
        }
        SplittableRandom rng = new SplittableRandom(options.seed());
        double[][] pool = candidatePool(rng);
        int trees = options.initialTrees();
        int restarts = options.restarts();
        double[][] random = new double[trees][];
        double[] scores = new double[trees];
        Integer[] order = new Integer[trees];
        for (int s = 0; s < trees; s++) {
            random[s] = randomTree(rng, pool, s, fixedRoot);
            scores[s] = safe(evaluate(random[s], null));
            order[s] = s;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        int[] evaluations = {trees};
        // Starts (Jiang et al.'s initialisation): the root at each distinct local maximiser of the myopic log EI, and
        // at the roots of the best random trees; every later point at the best of a few candidates for its own stage
        // value given its ancestors (greedy, breadth first); the best random trees themselves; the warm start.
        java.util.List<double[]> starts = new java.util.ArrayList<>();
        if (fixedRoot == null) {
            for (double[] root : myopicRoots(pool, 2 * restarts, evaluations)) {
                double[] start = random[order[starts.size() % trees]].clone();
                System.arraycopy(root, 0, start, 0, d);
                starts.add(greedyTree(rng, pool, start, evaluations));
            }
        }
        for (int r = 0; r < Math.min(restarts, trees); r++) {
            starts.add(greedyTree(rng, pool, random[order[r]], evaluations));
            starts.add(random[order[r]].clone());
        }
        if (warmStart != null && warmStart.length == p) {
            double[] w = warmStart.clone();
            if (fixedRoot != null) {
                System.arraycopy(fixedRoot, 0, w, 0, d);
            }
            starts.add(w);
        }
        if (constrained()) {
            // the best `restarts` starts by their (unconstrained) value, run with the constraints
            double[] sv = new double[starts.size()];
            Integer[] idx = new Integer[starts.size()];
            for (int s = 0; s < sv.length; s++) {
                sv[s] = safe(evaluate(starts.get(s), null));
                idx[s] = s;
            }
            Arrays.sort(idx, (a, b) -> Double.compare(sv[b], sv[a]));
            java.util.List<double[]> best = new java.util.ArrayList<>();
            for (int s = 0; s < Math.min(restarts, idx.length); s++) {
                best.add(starts.get(idx[s]));
            }
            return optimizeConstrained(best, fixedRoot, evaluations);
        }
        // successive halving: a short L-BFGS run from every start, then the best `restarts` run to convergence
        BoxFunction f = (x, g) -> safe(evaluate(x, g));
        int shortRun = Math.min(options.maxIterations(), SCREEN_ITERATIONS);
        double[] values = new double[starts.size()];
        Integer[] rank = new Integer[starts.size()];
        for (int s = 0; s < starts.size(); s++) {
            values[s] = maximize(f, starts.get(s), lo, hi, shortRun, 1e-7, evaluations);
            rank[s] = s;
        }
        Arrays.sort(rank, (a, b) -> Double.compare(values[b], values[a]));
        double bestValue = Double.NEGATIVE_INFINITY;
        double[] bestTree = null;
        for (int r = 0; r < Math.min(restarts, rank.length); r++) {
            double[] x = starts.get(rank[r]);
            double v = options.maxIterations() > shortRun
                    ? maximize(f, x, lo, hi, options.maxIterations() - shortRun, 1e-7, evaluations)
                    : values[rank[r]];
            if (v > bestValue || bestTree == null) {
                bestValue = v;
                bestTree = x;
            }
        }
        double[] proposal = Arrays.copyOf(bestTree, d * proposals());
        return new LookaheadResult(proposal, bestTree, report(bestValue), evaluations[0]);
    }

    /** Raw samples screened by base log EI for the roots and candidate points (cheap: analytic EI at n points). */
    public static final int MIN_RAW = 512;
    public static final int RAW_PER_DIMENSION = 128;

    /** With parameter constraints: the acquisition optimiser over all N points as one batch, from our starts. */
    private LookaheadResult optimizeConstrained(java.util.List<double[]> starts, double[] fixedRoot, int[] evaluations) {
        int d = model.dimension();
        int n = points;
        AcquisitionFunction af = new AcquisitionFunction() {
            @Override
            public int q() {
                return n;
            }

            @Override
            public int dimension() {
                return d;
            }

            @Override
            public double evaluate(double[] x, double[] g) {
                evaluations[0]++;
                if (fixedRoot != null) {
                    x = x.clone();
                    System.arraycopy(fixedRoot, 0, x, 0, d);
                }
                double v = safe(MultiStepLookahead.this.evaluate(x, g));
                if (g != null && fixedRoot != null) {
                    Arrays.fill(g, 0, d, 0);
                }
                return v;
            }
        };
        OptimizerOptions oo = new OptimizerOptions(CONSTRAINED_RAW_SAMPLES, options.restarts(), options.maxIterations(),
                2.0, 1, 1e4, options.seed());
        AcquisitionOptimizer.Result r = AcquisitionOptimizer.maximize(af, constraintA, constraintB, rowFeasible, null,
                starts, oo);
        double[] tree = r.x().clone();
        if (fixedRoot != null) {
            System.arraycopy(fixedRoot, 0, tree, 0, d);
        }
        return new LookaheadResult(Arrays.copyOf(tree, d * proposals()), tree, report(r.value()), evaluations[0]);
    }

    /** Random trees the acquisition optimiser screens (besides our starts) when there are parameter constraints. */
    public static final int CONSTRAINED_RAW_SAMPLES = 64;

    /** L-BFGS iterations every start gets before the best {@code restarts} are run to convergence. */
    public static final int SCREEN_ITERATIONS = 20;

    private static double safe(double v) {
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    private double report(double objectiveValue) {
        return options.value() == LeafValue.EXPECTED_IMPROVEMENT ? Math.exp(objectiveValue) : objectiveValue;
    }

    /**
     * {@value #RAW_PER_DIMENSION}·d (at least {@value #MIN_RAW}) raw uniform points ranked by base log EI (best
     * first; the top 16 kept), plus the training point with the best posterior mean.
     */
    private double[][] candidatePool(SplittableRandom rng) {
        int d = model.dimension();
        int raw = Math.max(MIN_RAW, RAW_PER_DIMENSION * d);
        double[] pts = new double[raw * d];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = rng.nextDouble();
        }
        double[] mean = new double[raw];
        double[] var = new double[raw];
        model.predict(pts, raw, mean, var);
        double[] score = new double[raw];
        double[] h = new double[2];
        for (int i = 0; i < raw; i++) {
            double s = Math.sqrt(Math.max(var[i], 1e-18));
            SafeMath.logEiHelperAndDerivative((mean[i] - incumbent) / s, h);
            score[i] = Math.log(s) + h[0];
        }
        Integer[] idx = new Integer[raw];
        for (int i = 0; i < raw; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(score[b], score[a]));
        int top = Math.min(raw, 16);
        double[][] pool = new double[top + 1][];
        for (int i = 0; i < top; i++) {
            pool[i] = Arrays.copyOfRange(pts, idx[i] * d, idx[i] * d + d);
        }
        double[] bestTrain = new double[d];
        if (model.n() > 0) {
            int n = model.n();
            double[] trainX = model.trainX();
            double[] m = new double[n];
            model.predict(trainX, n, m, new double[n]);
            int arg = 0;
            for (int i = 1; i < n; i++) {
                if (m[i] > m[arg]) {
                    arg = i;
                }
            }
            System.arraycopy(trainX, arg * d, bestTrain, 0, d);
        } else {
            Arrays.fill(bestTrain, 0.5);
        }
        pool[top] = bestTrain;
        return pool;
    }

    /** Root from the pool (the s-th best for the first few trees, random pool entry after); children near the parent or from the pool. */
    private double[] randomTree(SplittableRandom rng, double[][] pool, int s, double[] fixedRoot) {
        int d = model.dimension();
        double[] tree = new double[objective.variables()];
        double[] root = fixedRoot != null ? fixedRoot
                : jitter(pool[s < pool.length - 1 ? s : rng.nextInt(pool.length)], rng, s < pool.length - 1 ? 0 : 0.02);
        System.arraycopy(root, 0, tree, 0, d);
        for (int node = 1; node < objective.nodes; node++) {
            double[] base;
            if (rng.nextDouble() < 0.5) {
                int p = objective.parent[node];
                base = Arrays.copyOfRange(tree, p * d, p * d + d);
                base = jitter(base, rng, 0.05);
            } else {
                base = jitter(pool[rng.nextInt(pool.length)], rng, 0.02);
            }
            System.arraycopy(base, 0, tree, node * d, d);
        }
        return toCompact(tree);
    }

    /**
     * Distinct local maximisers of the base log EI (L-BFGS from the best `count` pool points, duplicates within
     * 10⁻³ dropped), best first: the myopic choice and its runners-up, the roots the tree search starts from.
     */
    private java.util.List<double[]> myopicRoots(double[][] pool, int count, int[] evaluations) {
        int d = model.dimension();
        TreeObjective ei = new TreeObjective(model, new int[0], new double[0][], LeafValue.LOG_EXPECTED_IMPROVEMENT,
                incumbent, 0);
        double[] lo = new double[d];
        double[] hi = filled(d, 1.0);
        java.util.List<double[]> found = new java.util.ArrayList<>();
        java.util.List<Double> vals = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(count, pool.length); i++) {
            double[] x = pool[i].clone();
            double v = maximize((pt, g) -> safe(ei.evaluate(pt, g)), x, lo, hi, 100, 1e-9, evaluations);
            boolean dup = false;
            for (double[] y : found) {
                double dist = 0;
                for (int j = 0; j < d; j++) {
                    dist = Math.max(dist, Math.abs(x[j] - y[j]));
                }
                dup |= dist < 1e-3;
            }
            if (!dup) {
                int at = 0;
                while (at < vals.size() && vals.get(at) >= v) {
                    at++;
                }
                found.add(at, x);
                vals.add(at, v);
            }
        }
        return found;
    }

    /** Keeps the root of start; rebuilds every other node breadth first as the best of candidates for its own score. */
    private double[] greedyTree(SplittableRandom rng, double[][] pool, double[] start, int[] evaluations) {
        int d = model.dimension();
        double[] tree = toVirtual(start);
        int candidates = Math.max(24, 8 * d);
        double[] cand = new double[d];
        double[] scratch = new double[model.n()];
        int node = 1;
        int[] depth = objective.depth;
        while (node < objective.nodes) {
            objective.evaluate(tree, null); // refresh the ancestors' rows for this depth
            evaluations[0]++;
            int t = depth[node];
            for (; node < objective.nodes && depth[node] == t; node++) {
                int p = objective.parent[node];
                if (slot != null && firstVirtual[slot[node]] != node) {
                    // a batch point repeated under another quadrature node: one decision, chosen at its first copy
                    System.arraycopy(tree, firstVirtual[slot[node]] * d, tree, node * d, d);
                    continue;
                }
                double bestScore = Double.NEGATIVE_INFINITY;
                double[] bestPoint = null;
                for (int c = 0; c < candidates; c++) {
                    double[] base;
                    if (c == 0) {
                        base = Arrays.copyOfRange(tree, p * d, p * d + d);
                    } else if (c <= pool.length) {
                        base = pool[c - 1];
                    } else if (c % 2 == 0) {
                        base = jitter(Arrays.copyOfRange(tree, p * d, p * d + d), rng, 0.1);
                    } else {
                        base = new double[d];
                        for (int i = 0; i < d; i++) {
                            base[i] = rng.nextDouble();
                        }
                    }
                    System.arraycopy(base, 0, cand, 0, d);
                    double sc = objective.nodeScore(tree, node, cand, 0, scratch);
                    if (sc > bestScore || bestPoint == null) {
                        bestScore = sc;
                        bestPoint = cand.clone();
                    }
                }
                refineNode(tree, node, bestPoint, evaluations);
                System.arraycopy(bestPoint, 0, tree, node * d, d);
            }
        }
        return toCompact(tree);
    }

    /** L-BFGS iterations of each node's own myopic optimisation in the greedy starts. */
    public static final int NODE_ITERATIONS = 30;

    /**
     * Moves x (the point of a non-root node, modified in place) to a local maximiser of its own stage value given
     * the fantasies on its path (the GP conditioned on them, with the path's incumbent): Jiang et al.'s per-fantasy
     * myopic initialisation. Needs the ancestors' state from the last evaluate of tree.
     */
    private void refineNode(double[] tree, int node, double[] x, int[] evaluations) {
        int d = model.dimension();
        int t = objective.depth[node];
        double[] xa = new double[t * d];
        double[] ya = new double[t];
        for (int s = 0; s < t; s++) {
            int a = objective.ancestor(node, s);
            System.arraycopy(tree, a * d, xa, s * d, d);
            ya[s] = objective.branchObservation(objective.ancestor(node, s + 1));
        }
        GpModel conditioned;
        try {
            conditioned = model.condition(xa, t, ya);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return; // path points too close to factorise: keep the greedy choice
        }
        boolean mean = options.value() == LeafValue.POSTERIOR_MEAN && objective.leaf(node);
        TreeObjective own = new TreeObjective(conditioned, new int[0], new double[0][],
                mean ? LeafValue.POSTERIOR_MEAN : LeafValue.LOG_EXPECTED_IMPROVEMENT, objective.incumbentAt(node), 0);
        double[] y = x.clone();
        double before = safe(own.evaluate(y, null));
        double after = maximize((p, g) -> safe(own.evaluate(p, g)), y, new double[d],
                filled(d, 1.0), NODE_ITERATIONS, 1e-9, evaluations);
        if (after > before) {
            System.arraycopy(y, 0, x, 0, d);
        }
    }

    private static double[] jitter(double[] x, SplittableRandom rng, double scale) {
        double[] out = x.clone();
        if (scale > 0) {
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.min(1, Math.max(0, out[i] + scale * gaussian(rng)));
            }
        }
        return out;
    }

    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    private void checkTree(double[] tree) {
        if (tree.length != variables()) {
            throw new IllegalArgumentException("a tree for fantasies " + Arrays.toString(options.fantasies())
                    + " and batch sizes " + Arrays.toString(options.batchSizes())
                    + " in d = " + model.dimension() + " has N·d = " + variables() + " entries, got " + tree.length);
        }
    }

    /** Package access for tests: the depth of each node and its parent (breadth-first numbering). */
    int parentOf(int node) {
        return objective.parent[node];
    }

    int depthOf(int node) {
        return objective.depth[node];
    }

    double fantasyBaseSample(int node) {
        return objective.zIn[node];
    }

    /**
     * L-BFGS-B settings of the tree optimisation: the first step is the full (projected) gradient step, as the tree
     * optimiser always took (the default short first step cost about half as many evaluations again on Branin
     * lookahead2 and moved the proposals); steps are otherwise unbounded inside the unit cube.
     */
    private static final Lbfgsb.Options TREE_STEPS =
            new Lbfgsb.Options(10, 100, 3000, 1e-7, 1e-10, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

    /** A function to maximise over a box: value at x, gradient written into grad. x not modified. */
    @FunctionalInterface
    interface BoxFunction {
        double evaluate(double[] x, double[] grad);
    }

    /**
     * Maximises f from x (modified in place: ends at the best point found) within [lo, hi] with the platform's one
     * L-BFGS-B (surrogate's {@link Lbfgsb}), stopping when the projected gradient's max-norm is below tolerance.
     * Adds the evaluations used to evaluations[0]. Returns the value at x.
     */
    static double maximize(BoxFunction f, double[] x, double[] lo, double[] hi, int maxIterations, double tolerance,
                           int[] evaluations) {
        Lbfgsb.Result r = Lbfgsb.minimize((p, g) -> {
            double v = f.evaluate(p, g);
            for (int i = 0; i < g.length; i++) {
                g[i] = -g[i];
            }
            return -v;
        }, x, lo, hi, TREE_STEPS.withMaxIterations(maxIterations).withMaxEvaluations(30 * maxIterations)
                .withTolerances(tolerance, 1e-10));
        System.arraycopy(r.x(), 0, x, 0, x.length);
        evaluations[0] += r.evaluations();
        return -r.value();
    }

    static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
