/**
 * Non-myopic acquisition: one-shot multi-step lookahead trees and the knowledge gradient.
 */
package dev.sextant.acquisition.lookahead;
