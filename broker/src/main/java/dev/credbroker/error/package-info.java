/**
 * The broker's error hierarchy: one unchecked root, subtypes in the package of the capability that throws them.
 */
package dev.credbroker.error;
