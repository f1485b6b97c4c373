/**
 * Vault path + engine response → credentials (env, files, Terraform input fields), one subpackage per cloud.
 */
package dev.credbroker.cloud;
