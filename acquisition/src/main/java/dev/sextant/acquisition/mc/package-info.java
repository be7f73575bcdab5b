/**
 * Monte Carlo acquisition functions for any q: qEI, qNEI, qLogEI, qLogNEI, qPI, qUCB, qSimpleRegret.
 */
package dev.sextant.acquisition.mc;
