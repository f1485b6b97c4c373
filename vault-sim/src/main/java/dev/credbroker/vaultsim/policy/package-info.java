/**
 * ACL policies: the HCL path-block subset, path globs and Vault's priority rules.
 */
package dev.credbroker.vaultsim.policy;
