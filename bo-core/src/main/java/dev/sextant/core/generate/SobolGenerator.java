package dev.sextant.core.generate;

import dev.sextant.core.space.SearchSpace;
import dev.sextant.core.trial.Trial;
import dev.sextant.core.space.EncodedDimension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Space-filling candidates from one {@link ScrambledSobol} stream per study, scrambled with the study seed
 * ({@code spec().seed()}), decoded into the search space. Each trial records its sequence index as
 * {@code generation.sobol_index}; a call continues after the largest index used so far (found in the request's
 * trials and remembered by this instance), so consecutive asks never repeat a point. Parameter constraints are
 * honoured by rejection: points that violate them are skipped; after {@value #MAX_CONSECUTIVE_REJECTIONS}
 * consecutive rejections a {@link GenerationException} reports the feasible region as empty or too small. In spaces of
 * discrete parameters only, points equal to a completed or pending trial (or one earlier in the batch) are skipped too, until
 * {@value #MAX_CONSECUTIVE_DUPLICATES} consecutive duplicates suggest the space is exhausted (then repeats are allowed).
 * Thread-safe.
 */
public final class SobolGenerator implements CandidateGenerator {
    /** Consecutive infeasible draws after which the feasible region is considered empty. */
    public static final int MAX_CONSECUTIVE_REJECTIONS = 100_000;
    /** Consecutive draws equal to an existing trial's point after which repeats are accepted (small discrete spaces). */
    public static final int MAX_CONSECUTIVE_DUPLICATES = 4096;
    /** Key of the sequence index in {@link Candidate#generation()}. */
    public static final String INDEX_KEY = "sobol_index";
    private static final long SEED_SALT = 0x5EC7A17_50B0L;

    /** Per study stream: next unused index, and the largest trial number whose index has been taken into account. */
    private record Cursor(long next, long scannedId) {
        Cursor max(Cursor o) {
            return new Cursor(Math.max(next, o.next), Math.max(scannedId, o.scannedId));
        }
    }

    private final Map<String, Cursor> cursors = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "sobol";
    }

    @Override
    public List<Candidate> generate(GenerationRequest request) {
        SearchSpace space = request.spec().space();
        int dim = space.dimension();
        if (dim > ScrambledSobol.MAX_DIMENSION) {
            throw new GenerationException("the search space encodes to " + dim + " dimensions; Sobol supports at most "
                    + ScrambledSobol.MAX_DIMENSION + " (reduce parameters or categorical choices)");
        }
        long seed = request.spec().seed() ^ SEED_SALT;
        String key = request.spec().name() + '\u0000' + request.spec().seed() + '\u0000' + dim;
        Cursor cursor = cursors.getOrDefault(key, new Cursor(0, Long.MIN_VALUE));
        long start = Math.max(cursor.next(), Math.max(nextIndex(request.completed(), cursor.scannedId()),
                nextIndex(request.pending(), cursor.scannedId())));
        long maxId = Math.max(lastId(request.completed()), lastId(request.pending()));
        ScrambledSobol sobol = new ScrambledSobol(Math.max(1, dim), seed);
        sobol.seek(start);
        double[] point = new double[Math.max(1, dim)];
        double[] unit = new double[dim];
        List<Candidate> out = new ArrayList<>(request.count());
        Set<Map<String, Object>> seen = new HashSet<>();
        // with a continuous coordinate repeats have probability zero; only all-discrete spaces need the check
        boolean dedupe = dim > 0
                && space.encoding().dimensions().stream().noneMatch(d -> d.kind() == EncodedDimension.Kind.CONTINUOUS);
        if (dedupe) {
            for (Trial t : request.completed()) {
                seen.add(t.parameters());
            }
            for (Trial t : request.pending()) {
                seen.add(t.parameters());
            }
        }
        int rejected = 0;
        int duplicates = 0;
        while (out.size() < request.count()) {
            long index = sobol.index();
            sobol.next(point);
            System.arraycopy(point, 0, unit, 0, dim);
            Map<String, Object> values = space.decode(unit);
            if (!space.satisfiesConstraints(values)) {
                if (++rejected >= MAX_CONSECUTIVE_REJECTIONS) {
                    throw new GenerationException("no point satisfying the parameter constraints " + space.constraints()
                            + " was found in " + MAX_CONSECUTIVE_REJECTIONS + " Sobol draws; the feasible region is empty"
                            + " or smaller than about 1/" + MAX_CONSECUTIVE_REJECTIONS + " of the box: loosen the"
                            + " constraints or narrow the parameter ranges to the feasible region");
                }
                continue;
            }
            rejected = 0;
            if (dedupe && seen.contains(values) && ++duplicates < MAX_CONSECUTIVE_DUPLICATES) {
                continue; // a discrete space: skip points already tried or pending while new ones remain likely
            }
            duplicates = 0;
            if (dedupe) {
                seen.add(values);
            }
            Map<String, Object> generation = new LinkedHashMap<>();
            generation.put(INDEX_KEY, index);
            out.add(new Candidate(values, generation));
        }
        cursors.merge(key, new Cursor(sobol.index(), Math.max(maxId, cursor.scannedId())), Cursor::max);
        return out;
    }

    /** 1 + the largest Sobol index among trials (ordered by number) with number above scannedId; 0 if none. */
    private long nextIndex(List<Trial> trials, long scannedId) {
        long next = 0;
        for (int i = trials.size() - 1; i >= 0; i--) {
            Trial t = trials.get(i);
            if (t.number() <= scannedId) {
                break; // seen by an earlier call of this generator
            }
            if (name().equals(t.generator()) && t.generation().get(INDEX_KEY) instanceof Number n) {
                next = Math.max(next, n.longValue() + 1);
            }
        }
        return next;
    }

    private static long lastId(List<Trial> trials) {
        return trials.isEmpty() ? Long.MIN_VALUE : trials.get(trials.size() - 1).number();
    }
}
