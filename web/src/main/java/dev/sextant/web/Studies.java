package dev.sextant.web;

import dev.sextant.core.generate.GenerationStrategy;
import dev.sextant.core.study.Storage;
import dev.sextant.core.study.Study;
import dev.sextant.core.study.StudySpec;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One {@link Study} object per study name, opened lazily from the {@link Storage} and kept (thread safe). Asks on one
 * study are serialised (each generation must see the previous one's pending trials); tells, fails and abandons go
 * straight to the storage, whose state changes are atomic.
 */
final class Studies {
    /** A cached study with the strategy it generates with. */
    record Entry(Study study, GenerationStrategy strategy, ReentrantLock askLock) {}

    private final Storage storage;
    private final Function<StudySpec, GenerationStrategy> strategies;
    private final ConcurrentHashMap<String, Entry> cache = new ConcurrentHashMap<>();
    private final Object createLock = new Object();

    Studies(Storage storage, Function<StudySpec, GenerationStrategy> strategies) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.strategies = Objects.requireNonNull(strategies, "strategies");
    }

    Storage storage() { return storage; }

    List<String> names() { return storage.studyNames(); }

    /** The study called {@code name}; 404 when the storage has none. */
    Entry get(String name) {
        Entry e = cache.get(name);
        if (e != null) return e;
        StudySpec spec = storage.loadStudy(name).orElseThrow(() -> unknown(name));
        return cache.computeIfAbsent(name, n -> {
            GenerationStrategy strategy = strategies.apply(spec);
            return new Entry(Study.open(n, storage, strategy), strategy, new ReentrantLock());
        });
    }

    /** Creates the study in the storage (409 when the name is taken) and caches it. */
    Entry create(StudySpec spec) {
        synchronized (createLock) {
            if (cache.containsKey(spec.name()) || storage.loadStudy(spec.name()).isPresent()) {
                throw ApiException.conflict("a study named " + Json.quote(spec.name())
                        + " already exists; pick another name or use the existing one");
            }
            GenerationStrategy strategy = strategies.apply(spec);
            Entry e = new Entry(Study.create(spec, storage, strategy), strategy, new ReentrantLock());
            cache.put(spec.name(), e);
            return e;
        }
    }

    /**
     * Deletes the study and its trials from the storage and forgets it here; returns how many trials it had. 404
     * when there is no such study.
     */
    int delete(String name) {
        synchronized (createLock) {
            Entry e = get(name);
            e.askLock().lock();   // let a running ask finish first
            try {
                int trials = e.study().trials().size();
                try {
                    storage.deleteStudy(name);
                } catch (dev.sextant.core.study.UnknownStudyException gone) {
                    throw unknown(name);
                } finally {
                    cache.remove(name, e);
                }
                return trials;
            } finally {
                e.askLock().unlock();
            }
        }
    }

    static ApiException unknown(String name) {
        return ApiException.notFound("no study named " + Json.quote(name) + "; GET /api/studies lists the studies");
    }
}
