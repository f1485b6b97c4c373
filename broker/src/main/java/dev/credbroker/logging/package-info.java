/**
 * The application log's line format: text by default, one JSON object per line with {@code BROKER_LOG_FORMAT=json}.
 * The audit trail is not here: it has its own JSON-lines file (package {@code audit}).
 */
package dev.credbroker.logging;
