/**
 * The Javalin REST API and the live trial dashboard. Start from {@code WebServer}.
 */
package dev.sextant.web;
