package dev.sextant.experiments.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks test functions up by name. Names: {@code branin}, {@code six-hump-camel}, {@code hartmann} (d = 3 or 6,
 * default 6), {@code cosine8}, {@code hartmann6-constrained}, and for any d ≥ 1 (default 2, as BoTorch):
 * {@code ackley}, {@code levy}, {@code rosenbrock} (d ≥ 2), {@code styblinski-tang}, {@code michalewicz},
 * {@code griewank}. A trailing number gives the dimension: {@code ackley10}, {@code hartmann3}. Any of them embedded
 * in more inputs that it ignores (the first inputs are the function's, the others in [0, 1]): {@code
 * hartmann6-in-30d}, {@code branin-in-20d} (for models that must find the few relevant inputs, e.g. SAAS).
 */
public final class TestFunctions {
    private static final List<String> NAMES = List.of("branin", "six-hump-camel", "hartmann", "hartmann6-constrained",
            "cosine8", "ackley", "levy", "rosenbrock", "styblinski-tang", "michalewicz", "griewank");
    private static final Pattern TRAILING_DIM = Pattern.compile("^([a-z-]*[a-z])-?(\\d+)$");
    private static final Pattern EMBEDDED = Pattern.compile("^(.+)-in-(\\d+)d$");

    private TestFunctions() {
    }

    /** The base names accepted by {@link #byName}. */
    public static List<String> names() {
        return NAMES;
    }

    /** True when {@code name} names a test function (with or without a dimension suffix). */
    public static boolean exists(String name) {
        try {
            byName(name, 0);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The test function called {@code name}; {@code dim} ≤ 0 means "the name's own or default dimension".
     *
     * @throws IllegalArgumentException for an unknown name or a dimension the function does not support
     */
    public static TestFunction byName(String name, int dim) {
        String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        Matcher e = EMBEDDED.matcher(n);
        if (e.matches()) {
            int d = Integer.parseInt(e.group(2));
            if (dim > 0 && dim != d) {
                throw new IllegalArgumentException("'" + name + "' has dimension " + d + " but --dim " + dim + " was given");
            }
            return Synthetic.embedded(byName(e.group(1), 0), d);
        }
        switch (n) {
            case "branin": return fixed(Synthetic.branin(), dim);
            case "six-hump-camel": case "sixhumpcamel": case "camel": return fixed(Synthetic.sixHumpCamel(), dim);
            case "cosine8": return fixed(Synthetic.cosine8(), dim);
            case "hartmann6-constrained": case "constrained-hartmann6": return fixed(Synthetic.hartmann6Constrained(), dim);
            case "hartmann": return Synthetic.hartmann(dim <= 0 ? 6 : dim);
            default: break;
        }
        TestFunction any = anyDimension(n, dim <= 0 ? 2 : dim);
        if (any != null) {
            return any;
        }
        Matcher m = TRAILING_DIM.matcher(n);
        if (m.matches()) {
            int d = Integer.parseInt(m.group(2));
            if (dim > 0 && dim != d) {
                throw new IllegalArgumentException("'" + name + "' has dimension " + d + " but --dim " + dim + " was given");
            }
            if (m.group(1).equals("hartmann")) {
                return Synthetic.hartmann(d);
            }
            TestFunction f = anyDimension(m.group(1), d);
            if (f != null) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown test function '" + name + "'; known: " + String.join(", ", NAMES));
    }

    private static TestFunction anyDimension(String n, int d) {
        if (d < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + d);
        }
        switch (n) {
            case "ackley": return Synthetic.ackley(d);
            case "levy": return Synthetic.levy(d);
            case "rosenbrock": return Synthetic.rosenbrock(d);
            case "styblinski-tang": case "styblinskitang": return Synthetic.styblinskiTang(d);
            case "michalewicz": return Synthetic.michalewicz(d);
            case "griewank": return Synthetic.griewank(d);
            default: return null;
        }
    }

    private static TestFunction fixed(TestFunction f, int dim) {
        if (dim > 0 && dim != f.dimension()) {
            throw new IllegalArgumentException(f.name() + " has dimension " + f.dimension() + "; --dim " + dim + " is not supported");
        }
        return f;
    }
}
