/**
 * One Vault session: login, read, renew, revoke. The only package that knows the Vault driver.
 */
package dev.credbroker.vault;
