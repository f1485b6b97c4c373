/**
 * HTTP controllers and their request/response records. Thin: one call into the capability below,
 * no status codes chosen here (see {@link dev.credbroker.api.BrokerExceptionHandler}).
 */
package dev.credbroker.api;
