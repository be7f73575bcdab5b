/**
 * The HTTP face of Sextant: the REST API (ask/tell from any language, described by {@code /openapi.json}) and the
 * live trial dashboard (static pages + Plotly from a WebJar), one Javalin app. Start from {@link dev.sextant.web.WebServer}
 * with {@link dev.sextant.web.WebOptions}.
 *
 * <p>Inside: {@code Api} (handlers), {@code Models} (predict/importance over a cached {@code Surrogate}),
 * {@code Studies} (one {@code Study} per name, thread safe), {@code Guard} (token, Host/Origin, headers),
 * {@code Json} (bounded strict body parsing, responses), {@code Views} (the JSON shapes). Trials are addressed by their
 * number within the study ({@code …/trials/{number}}; the JSON's {@code id} is a deprecated alias of {@code number}).
 * A multi-objective study (created with {@code objectives}) has {@code GET …/pareto} instead of {@code …/best}.
 * Dashboard pages: {@code index.html} (studies), {@code study.html} (one study; for a multi-objective study also its
 * Pareto front with the trials beyond a threshold apart, the history as hypervolume by trial, the Pareto-optimal rows
 * and Pareto ranks of the table, slices per objective), {@code trial.html} (one trial).
 */
package dev.sextant.web;
