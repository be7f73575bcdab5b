/**
 * Trial history persisted with Hibernate ORM on H2 (embedded default) or PostgreSQL. Start from {@code DatabaseStorage}.
 */
package dev.sextant.store;
