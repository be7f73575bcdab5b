package dev.sextant.acquisition.lookahead;

import dev.sextant.acquisition.numerics.SafeMath;
import dev.sextant.surrogate.kernel.Kernel;
import dev.sextant.surrogate.model.GpModel;
import java.util.Arrays;

/**
 * The one-shot tree objective and its gradient wrt every decision point (see {@link MultiStepLookahead} for the
 * derivation). Nodes are numbered breadth first: node 0 is x₀, then the m₁ depth-1 nodes, then m₁m₂ depth-2 nodes…
 * The tree vector holds the node points N×d row-major. Not thread-safe (owns its workspaces).
 */
final class TreeObjective {
    private final GpModel model;
    private final Kernel kern;
    private final double[] trainX;
    private final double[] beta;
    private final double priorMean;
    private final double noise;
    private final LeafValue leafValue;
    private final int k;
    final int nodes;
    final int d;
    private final int n;
    private final double best0;
    private final double baseline;
    private final double minD;

    final int[] depth;
    final int[] parent;
    final double[] zIn;
    final int[] anc;          // anc[node*(k+1)+s] = ancestor at depth s (s <= depth), anc[...+depth] = node
    private final double[] logWeight; // per depth: −log Π_{s<=t} m_s
    private final boolean[] isLeaf;

    // workspaces
    private final double[] kvec;   // N×n
    private final double[] v;      // N×n  L⁻¹k(X, a)
    private final double[] alpha;  // N×n  K⁻¹k(X, a)
    private final double[] w;      // N×n  accumulated weights for Σ_i w_i ∂k(a, x_i)/∂a
    private final double[] row;    // N×(k+1) Cholesky row of each node
    private final double[] rowBar; // N×(k+1)
    private final double[] m0;
    private final double[] mu;
    private final double[] sd;
    private final double[] best;
    private final int[] bestFrom;
    private final boolean[] clamped;
    private final double[] term;
    private final double[] muBar;
    private final double[] sdBar;
    private final double[] bestBar;
    private final double[] hz = new double[2];

    /**
     * @param fantasies m₁…m_k (k >= 1), fantasies per step
     * @param zLevels   per step t (0-based), the m_{t+1} base samples of that step, shared by every parent
     * @param best0     incumbent for the EI stage values (ignored for POSTERIOR_MEAN)
     * @param baseline  subtracted from the POSTERIOR_MEAN value (KG's current best posterior mean)
     */
    TreeObjective(GpModel model, int[] fantasies, double[][] zLevels, LeafValue leafValue, double best0,
                  double baseline) {
        this.model = model;
        this.leafValue = leafValue;
        this.k = fantasies.length;
        this.kern = model.kernel();
        this.trainX = model.trainX();
        this.beta = model.weights();
        this.priorMean = model.meanConstant();
        this.noise = model.fantasyNoise();
        this.d = model.dimension();
        this.n = model.n();
        this.best0 = best0;
        this.baseline = baseline;
        this.minD = noise + 1e-12 * model.priorVariance();
        int total = 1;
        int level = 1;
        for (int m : fantasies) {
            level *= m;
            total += level;
        }
        this.nodes = total;
        depth = new int[total];
        parent = new int[total];
        zIn = new double[total];
        anc = new int[total * (k + 1)];
        isLeaf = new boolean[total];
        logWeight = new double[k + 1];
        parent[0] = -1;
        int offset = 0;
        int count = 1;
        int next = 1;
        double lw = 0;
        for (int t = 1; t <= k; t++) {
            int m = fantasies[t - 1];
            lw -= Math.log(m);
            logWeight[t] = lw;
            for (int l = 0; l < count * m; l++) {
                int node = next++;
                int p = offset + l / m;
                depth[node] = t;
                parent[node] = p;
                zIn[node] = zLevels[t - 1][l % m];
                System.arraycopy(anc, p * (k + 1), anc, node * (k + 1), t);
                anc[node * (k + 1) + t] = node;
            }
            offset += count;
            count *= m;
        }
        for (int i = 0; i < total; i++) {
            isLeaf[i] = depth[i] == k;
        }
        kvec = new double[total * n];
        v = new double[total * n];
        alpha = new double[total * n];
        w = new double[total * n];
        row = new double[total * (k + 1)];
        rowBar = new double[total * (k + 1)];
        m0 = new double[total];
        mu = new double[total];
        sd = new double[total];
        best = new double[total];
        bestFrom = new int[total];
        clamped = new boolean[total];
        term = new double[total];
        muBar = new double[total];
        sdBar = new double[total];
        bestBar = new double[total];
    }

    int variables() {
        return nodes * d;
    }

    /**
     * The objective that is maximised: log of the expected cumulative improvement for the EI values, the mean leaf
     * posterior mean minus the baseline for POSTERIOR_MEAN. grad (N·d) is overwritten when not null.
     */
    double evaluate(double[] tree, double[] grad) {
        double[] x = trainX;
        int stride = k + 1;
        boolean ei = leafValue != LeafValue.POSTERIOR_MEAN;
        double objective = 0;
        double maxTerm = Double.NEGATIVE_INFINITY;
        for (int node = 0; node < nodes; node++) {
            int ao = node * d;
            int no = node * n;
            double m = priorMean;
            for (int i = 0; i < n; i++) {
                double kv = kern.value(x, i * d, tree, ao);
                kvec[no + i] = kv;
                v[no + i] = kv;
                m += kv * beta[i];
            }
            m0[node] = m;
            solveLower(v, no);
            if (grad != null) {
                System.arraycopy(v, no, alpha, no, n);
                solveLowerTransposed(alpha, no);
            }
            int t = depth[node];
            int ro = node * stride;
            double muNode = m;
            for (int s = 0; s < t; s++) {
                int b = anc[ro + s];
                double sts = kern.value(tree, ao, tree, b * d) - dot(v, no, v, b * n);
                int bro = b * stride;
                for (int r = 0; r < s; r++) {
                    sts -= row[ro + r] * row[bro + r];
                }
                double lts = sts / row[bro + s];
                row[ro + s] = lts;
                muNode += lts * zIn[anc[ro + s + 1]];
            }
            double dd = kern.value(tree, ao, tree, ao) - dot(v, no, v, no) + noise;
            for (int r = 0; r < t; r++) {
                dd -= row[ro + r] * row[ro + r];
            }
            clamped[node] = dd < minD;
            if (clamped[node]) {
                dd = minD;
            }
            row[ro + t] = Math.sqrt(dd);
            mu[node] = muNode;
            sd[node] = Math.sqrt(dd - noise);
            if (t == 0) {
                best[node] = best0;
                bestFrom[node] = -1;
            } else {
                int p = parent[node];
                double yIn = mu[p] + row[p * stride + depth[p]] * zIn[node];
                if (yIn > best[p]) {
                    best[node] = yIn;
                    bestFrom[node] = node;
                } else {
                    best[node] = best[p];
                    bestFrom[node] = bestFrom[p];
                }
            }
            if (ei) {
                double z = (muNode - best[node]) / sd[node];
                SafeMath.logEiHelperAndDerivative(z, hz);
                term[node] = logWeight[t] + Math.log(sd[node]) + hz[0];
                maxTerm = Math.max(maxTerm, term[node]);
            } else if (isLeaf[node]) {
                objective += Math.exp(logWeight[t]) * muNode;
            }
        }
        if (ei) {
            double sum = 0;
            for (int node = 0; node < nodes; node++) {
                sum += Math.exp(term[node] - maxTerm);
            }
            objective = maxTerm + Math.log(sum);
        } else {
            objective -= baseline;
        }
        if (grad == null) {
            return objective;
        }
        backward(tree, grad, objective, ei);
        return objective;
    }

    private void backward(double[] tree, double[] grad, double objective, boolean ei) {
        double[] x = trainX;
        int stride = k + 1;
        Arrays.fill(grad, 0);
        Arrays.fill(w, 0);
        Arrays.fill(rowBar, 0);
        Arrays.fill(muBar, 0);
        Arrays.fill(sdBar, 0);
        Arrays.fill(bestBar, 0);
        for (int node = 0; node < nodes; node++) {
            if (ei) {
                double p = Math.exp(term[node] - objective);
                double s = sd[node];
                double z = (mu[node] - best[node]) / s;
                SafeMath.logEiHelperAndDerivative(z, hz);
                muBar[node] += p * hz[1] / s;
                sdBar[node] += p * (1 - hz[1] * z) / s;
                bestBar[node] += -p * hz[1] / s;
            } else if (isLeaf[node]) {
                muBar[node] += Math.exp(logWeight[depth[node]]);
            }
        }
        for (int node = nodes - 1; node >= 0; node--) {
            int t = depth[node];
            int ro = node * stride;
            int ao = node * d;
            int no = node * n;
            // incumbent: best = y_in(c) = mu[p] + L_pp(p)·zIn[c] for the node c it came from
            double bb = bestBar[node];
            if (bb != 0 && bestFrom[node] >= 0) {
                int c = bestFrom[node];
                int p = parent[c];
                muBar[p] += bb;
                rowBar[p * stride + depth[p]] += bb * zIn[c];
            }
            double mb = muBar[node];
            for (int s = 0; s < t; s++) {
                rowBar[ro + s] += mb * zIn[anc[ro + s + 1]];
            }
            // m0 = c + k(a, X)·β
            for (int i = 0; i < n; i++) {
                w[no + i] += mb * beta[i];
            }
            // D = S_tt − Σ L_tr²; L_tt = √D; sd = √(D − σ²ₙ)
            double dBar = 0;
            if (!clamped[node]) {
                dBar = rowBar[ro + t] / (2 * row[ro + t]) + sdBar[node] / (2 * sd[node]);
            }
            if (dBar != 0) {
                // S_tt = k(a,a) − vᵀv + σ²ₙ: ∂/∂a = −2 (∂k(a,X)/∂a)ᵀ α_a
                for (int i = 0; i < n; i++) {
                    w[no + i] -= 2 * dBar * alpha[no + i];
                }
                for (int r = 0; r < t; r++) {
                    rowBar[ro + r] -= 2 * dBar * row[ro + r];
                }
            }
            for (int s = t - 1; s >= 0; s--) {
                double g = rowBar[ro + s];
                if (g == 0) {
                    continue;
                }
                int b = anc[ro + s];
                int bro = b * stride;
                double lss = row[bro + s];
                double nBar = g / lss;
                rowBar[bro + s] -= g * row[ro + s] / lss;
                for (int r = 0; r < s; r++) {
                    rowBar[ro + r] -= nBar * row[bro + r];
                    rowBar[bro + r] -= nBar * row[ro + r];
                }
                // S_ts = k(a, b) − v_a·v_b
                int bo = b * d;
                int bn = b * n;
                kern.addGradientWrtFirst(tree, ao, tree, bo, nBar, grad, ao);
                kern.addGradientWrtFirst(tree, bo, tree, ao, nBar, grad, bo);
                for (int i = 0; i < n; i++) {
                    w[no + i] -= nBar * alpha[bn + i];
                    w[bn + i] -= nBar * alpha[no + i];
                }
            }
        }
        for (int node = 0; node < nodes; node++) {
            int ao = node * d;
            int no = node * n;
            for (int i = 0; i < n; i++) {
                double wi = w[no + i];
                if (wi != 0) {
                    kern.addGradientWrtFirst(tree, ao, x, i * d, wi, grad, ao);
                }
            }
        }
    }

    /**
     * Score of putting node's point at cand[co..co+d), given its ancestors' state from the last {@link #evaluate}
     * (which must have seen the current ancestor points): its own log EI term for the EI values, its conditioned
     * posterior mean for POSTERIOR_MEAN leaves, and log EI for POSTERIOR_MEAN inner nodes (a heuristic for starts).
     */
    double nodeScore(double[] tree, int node, double[] cand, int co, double[] scratch) {
        double[] x = trainX;
        int stride = k + 1;
        int t = depth[node];
        int ro = node * stride;
        double m = priorMean;
        for (int i = 0; i < n; i++) {
            double kv = kern.value(x, i * d, cand, co);
            scratch[i] = kv;
            m += kv * beta[i];
        }
        solveLower(scratch, 0);
        double[] rowTmp = new double[t + 1];
        double muNode = m;
        for (int s = 0; s < t; s++) {
            int b = anc[ro + s];
            double sts = kern.value(cand, co, tree, b * d) - dot(scratch, 0, v, b * n);
            int bro = b * stride;
            for (int r = 0; r < s; r++) {
                sts -= rowTmp[r] * row[bro + r];
            }
            rowTmp[s] = sts / row[bro + s];
            muNode += rowTmp[s] * zIn[anc[ro + s + 1]];
        }
        if (leafValue == LeafValue.POSTERIOR_MEAN && isLeaf[node]) {
            return muNode;
        }
        double dd = kern.value(cand, co, cand, co) - dot(scratch, 0, scratch, 0) + noise;
        for (int r = 0; r < t; r++) {
            dd -= rowTmp[r] * rowTmp[r];
        }
        double sdNode = Math.sqrt(Math.max(dd, minD) - noise);
        double bestNode;
        if (t == 0) {
            bestNode = best0;
        } else {
            int p = parent[node];
            double yIn = mu[p] + row[p * stride + depth[p]] * zIn[node];
            bestNode = Math.max(best[p], yIn);
        }
        SafeMath.logEiHelperAndDerivative((muNode - bestNode) / sdNode, hz);
        return Math.log(sdNode) + hz[0];
    }

    /** The fantasy observation at child's parent on the branch to child (last evaluate). */
    double branchObservation(int child) {
        int p = parent[child];
        return mu[p] + row[p * (k + 1) + depth[p]] * zIn[child];
    }

    /** The incumbent of node's stage value: b₀ raised by the fantasy observations on its path (last evaluate). */
    double incumbentAt(int node) {
        return best[node];
    }

    /** The ancestor of node at depth s (s <= depth[node]; s = depth[node] is node itself). */
    int ancestor(int node, int s) {
        return anc[node * (k + 1) + s];
    }

    boolean leaf(int node) {
        return isLeaf[node];
    }

    /** Posterior mean and sd of f at each node given the base data and the fantasies on its path (last evaluate). */
    double nodeMean(int node) {
        return mu[node];
    }

    double nodeSd(int node) {
        return sd[node];
    }

    private static double dot(double[] a, int ao, double[] b, int bo, int len) {
        double s = 0;
        for (int i = 0; i < len; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }

    private double dot(double[] a, int ao, double[] b, int bo) {
        return dot(a, ao, b, bo, n);
    }

    private void solveLower(double[] b, int off) {
        model.solveLower(b, off);
    }

    private void solveLowerTransposed(double[] b, int off) {
        model.solveLowerTransposed(b, off);
    }
}
