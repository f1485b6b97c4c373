/**
 * The audit events, schema 1: one record per kind, each with its own typed fields, written as one JSON object
 * whose keys come in a fixed order. Nothing here may hold a Vault token, a credential or a JWT.
 */
package dev.credbroker.audit.event;
