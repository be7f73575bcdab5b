/**
 * The ask/tell {@code Study}, its objective and outcome constraints, and the {@code Storage} SPI with an in-memory implementation.
 */
package dev.sextant.core.study;
