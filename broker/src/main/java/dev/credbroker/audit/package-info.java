/**
 * The broker's audit trail: one event per step of a phase, to the database and the credbroker.audit log.
 */
package dev.credbroker.audit;
