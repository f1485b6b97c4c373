/**
 * The {@code aws} secrets engine: root configuration, lease configuration, roles, and IAM-user or STS credentials,
 * with Vault's paths, parameters and error messages (builtin/logical/aws).
 */
package dev.credbroker.vaultsim.engine.aws;
