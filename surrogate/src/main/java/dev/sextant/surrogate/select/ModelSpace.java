package dev.sextant.surrogate.select;

import dev.sextant.surrogate.kernel.KernelType;

import java.util.List;

/**
 * The candidates of automatic model choice, dimension by dimension; the first entry of each list is the starting
 * (reference) choice, and a list of one entry pins that dimension.
 *
 * @param transforms outcome transform families, at least one
 * @param kernels    kernel types, at least one
 * @param warping    input warping off and/or on (e.g. [false, true]), at least one
 * @param objective  whether the metric is the objective: its transforms then never compress the optimum's side of
 *                   its values, only the poor side ({@link TransformFamily#fit(double[], TransformFamily.GoodEnd)}),
 *                   so that the acquisition keeps the resolution it needs near the best values
 */
public record ModelSpace(List<TransformFamily> transforms, List<KernelType> kernels, List<Boolean> warping,
                         boolean objective) {
    public ModelSpace {
        if (transforms == null || transforms.isEmpty() || kernels == null || kernels.isEmpty() || warping == null
                || warping.isEmpty()) {
            throw new IllegalArgumentException("a model space needs at least one transform, kernel and warping value");
        }
        transforms = List.copyOf(transforms);
        kernels = List.copyOf(kernels);
        warping = List.copyOf(warping);
    }

    /** A space for a metric that is not the objective (any transform shape). */
    public ModelSpace(List<TransformFamily> transforms, List<KernelType> kernels, List<Boolean> warping) {
        this(transforms, kernels, warping, false);
    }

    /** This space for the objective (true) or another metric. */
    public ModelSpace forObjective(boolean isObjective) {
        return new ModelSpace(transforms, kernels, warping, isObjective);
    }

    /** The automatic transform candidates: none (the reference), log-type, power. */
    public static final List<TransformFamily> AUTOMATIC_TRANSFORMS =
            List.of(TransformFamily.NONE, TransformFamily.LOG, TransformFamily.POWER);

    /** The automatic transforms (none first), every kernel (the given one first), warping off then on. */
    public static ModelSpace all(KernelType first) {
        List<KernelType> k = new java.util.ArrayList<>(List.of(first));
        for (KernelType t : KernelType.values()) {
            if (t != first) {
                k.add(t);
            }
        }
        return new ModelSpace(AUTOMATIC_TRANSFORMS, k, List.of(false, true));
    }

    /** The reference choice: the first entry of every dimension. */
    public ModelChoice start() {
        return new ModelChoice(transforms.get(0), kernels.get(0), warping.get(0));
    }

    /** The number of candidates the coordinate-wise search fits at most. */
    public int maxFits() {
        return transforms.size() + kernels.size() - 1 + warping.size() - 1;
    }
}
