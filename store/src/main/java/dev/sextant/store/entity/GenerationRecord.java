package dev.sextant.store.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * What the generator recorded for a trial: the whole generation map as JSON, plus the well-known entries
 * ({@code hyperparameters}, {@code acquisition_value}, {@code fit_seconds}, {@code optimize_seconds}) as
 * queryable columns ({@code null} when absent).
 */
@Embeddable
public class GenerationRecord {
    @Column(name = "generator")
    private String generator;

    @Column(name = "generation_json")
    private String generationJson;

    @Column(name = "hyperparameters_json")
    private String hyperparametersJson;

    @Column(name = "acquisition_value")
    private Double acquisitionValue;

    @Column(name = "fit_seconds")
    private Double fitSeconds;

    @Column(name = "optimize_seconds")
    private Double optimizeSeconds;

    protected GenerationRecord() {
    }

    public GenerationRecord(String generator, String generationJson, String hyperparametersJson,
                            Double acquisitionValue, Double fitSeconds, Double optimizeSeconds) {
        this.generator = generator;
        this.generationJson = generationJson;
        this.hyperparametersJson = hyperparametersJson;
        this.acquisitionValue = acquisitionValue;
        this.fitSeconds = fitSeconds;
        this.optimizeSeconds = optimizeSeconds;
    }

    public String getGenerator() { return generator; }
    public String getGenerationJson() { return generationJson; }
    public String getHyperparametersJson() { return hyperparametersJson; }
    public Double getAcquisitionValue() { return acquisitionValue; }
    public Double getFitSeconds() { return fitSeconds; }
    public Double getOptimizeSeconds() { return optimizeSeconds; }
}
