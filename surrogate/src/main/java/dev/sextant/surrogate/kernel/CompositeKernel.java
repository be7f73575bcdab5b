package dev.sextant.surrogate.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Sum or product of two kernels on the same inputs; hyperparameters are a's followed by b's. */
final class CompositeKernel implements Kernel {
    private final Kernel a;
    private final Kernel b;
    private final boolean product;

    CompositeKernel(Kernel a, Kernel b, boolean product) {
        if (a.dimension() != b.dimension()) {
            throw new IllegalArgumentException("cannot combine kernels of dimensions " + a.dimension() + " and " + b.dimension());
        }
        this.a = a;
        this.b = b;
        this.product = product;
    }

    @Override
    public int dimension() {
        return a.dimension();
    }

    @Override
    public int numHyperparameters() {
        return a.numHyperparameters() + b.numHyperparameters();
    }

    @Override
    public double[] hyperparameters() {
        double[] t = new double[numHyperparameters()];
        System.arraycopy(a.hyperparameters(), 0, t, 0, a.numHyperparameters());
        System.arraycopy(b.hyperparameters(), 0, t, a.numHyperparameters(), b.numHyperparameters());
        return t;
    }

    @Override
    public List<String> hyperparameterNames() {
        List<String> names = new ArrayList<>();
        a.hyperparameterNames().forEach(s -> names.add("k0." + s));
        b.hyperparameterNames().forEach(s -> names.add("k1." + s));
        return Collections.unmodifiableList(names);
    }

    @Override
    public List<HyperparameterKind> hyperparameterKinds() {
        List<HyperparameterKind> kinds = new ArrayList<>(a.hyperparameterKinds());
        kinds.addAll(b.hyperparameterKinds());
        return Collections.unmodifiableList(kinds);
    }

    @Override
    public Kernel withHyperparameters(double[] t) {
        if (t.length != numHyperparameters()) {
            throw new IllegalArgumentException("expected " + numHyperparameters() + " log hyperparameters, got " + t.length);
        }
        int na = a.numHyperparameters();
        double[] ta = java.util.Arrays.copyOfRange(t, 0, na);
        double[] tb = java.util.Arrays.copyOfRange(t, na, t.length);
        return new CompositeKernel(a.withHyperparameters(ta), b.withHyperparameters(tb), product);
    }

    @Override
    public void matrix(double[] x1, int n1, double[] x2, int n2, int d, double[] out) {
        double[] tmp = new double[n1 * n2];
        a.matrix(x1, n1, x2, n2, d, out);
        b.matrix(x1, n1, x2, n2, d, tmp);
        combine(out, tmp, n1 * n2);
    }

    @Override
    public void symmetricMatrix(double[] x, int n, double[] out) {
        double[] tmp = new double[n * n];
        a.symmetricMatrix(x, n, out);
        b.symmetricMatrix(x, n, tmp);
        combine(out, tmp, n * n);
    }

    @Override
    public void diagonal(double[] x, int n, double[] out) {
        double[] tmp = new double[n];
        a.diagonal(x, n, out);
        b.diagonal(x, n, tmp);
        combine(out, tmp, n);
    }

    private void combine(double[] out, double[] tmp, int len) {
        for (int i = 0; i < len; i++) {
            out[i] = product ? out[i] * tmp[i] : out[i] + tmp[i];
        }
    }

    @Override
    public void gradientWrtHyperparameters(double[] x, int n, double[] w, double[] grad) {
        int na = a.numHyperparameters();
        double[] ga = new double[na];
        double[] gb = new double[b.numHyperparameters()];
        if (product) {
            double[] ka = new double[n * n];
            double[] kb = new double[n * n];
            a.symmetricMatrix(x, n, ka);
            b.symmetricMatrix(x, n, kb);
            for (int i = 0; i < n * n; i++) {
                double wi = w[i];
                ka[i] *= wi;
                kb[i] *= wi;
            }
            symmetrise(ka, n);
            symmetrise(kb, n);
            a.gradientWrtHyperparameters(x, n, kb, ga);
            b.gradientWrtHyperparameters(x, n, ka, gb);
        } else {
            a.gradientWrtHyperparameters(x, n, w, ga);
            b.gradientWrtHyperparameters(x, n, w, gb);
        }
        for (int i = 0; i < na; i++) {
            grad[i] += ga[i];
        }
        for (int i = 0; i < gb.length; i++) {
            grad[na + i] += gb[i];
        }
    }

    /** Copies the lower triangle to the upper one (weights are read from the lower triangle only). */
    private static void symmetrise(double[] m, int n) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                m[j * n + i] = m[i * n + j];
            }
        }
    }

    @Override
    public double value(double[] x1, int o1, double[] x2, int o2) {
        double va = a.value(x1, o1, x2, o2);
        double vb = b.value(x1, o1, x2, o2);
        return product ? va * vb : va + vb;
    }

    @Override
    public void addGradientWrtFirst(double[] x1, int o1, double[] x2, int o2, double w, double[] grad, int go) {
        if (!product) {
            a.addGradientWrtFirst(x1, o1, x2, o2, w, grad, go);
            b.addGradientWrtFirst(x1, o1, x2, o2, w, grad, go);
            return;
        }
        a.addGradientWrtFirst(x1, o1, x2, o2, w * b.value(x1, o1, x2, o2), grad, go);
        b.addGradientWrtFirst(x1, o1, x2, o2, w * a.value(x1, o1, x2, o2), grad, go);
    }

    @Override
    public void gradientWrtX1(double[] x1, int n1, double[] x2, int n2, double[] w, double[] gradX1) {
        if (!product) {
            a.gradientWrtX1(x1, n1, x2, n2, w, gradX1);
            b.gradientWrtX1(x1, n1, x2, n2, w, gradX1);
            return;
        }
        int d = dimension();
        double[] ka = new double[n1 * n2];
        double[] kb = new double[n1 * n2];
        a.matrix(x1, n1, x2, n2, d, ka);
        b.matrix(x1, n1, x2, n2, d, kb);
        for (int i = 0; i < n1 * n2; i++) {
            ka[i] *= w[i];
            kb[i] *= w[i];
        }
        a.gradientWrtX1(x1, n1, x2, n2, kb, gradX1);
        b.gradientWrtX1(x1, n1, x2, n2, ka, gradX1);
    }

    @Override
    public String toString() {
        return "(" + a + (product ? " * " : " + ") + b + ")";
    }
}
