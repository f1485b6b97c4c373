/**
 * Process-wide plumbing that belongs to no concept: the clock.
 */
package dev.credbroker.support;
