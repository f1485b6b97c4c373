/**
 * Auth methods mounted under auth/, each with its unauthenticated login.
 */
package dev.credbroker.vaultsim.auth;
