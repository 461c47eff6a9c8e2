/**
 * Schema comparison: every difference between what the script's source tables become and the target's
 * tables, classified as SAFE (handled), TRANSFORMABLE (converted) or BREAKING (needs a decision in the
 * script), with the action the tool takes or the decision it needs.
 */
package dev.migrate.diff;
