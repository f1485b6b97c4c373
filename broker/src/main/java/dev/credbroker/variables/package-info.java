/**
 * The HCP Terraform variable grammar: tags, {@code TFC_DEFAULT_*}, RUN/PLAN/APPLY fallbacks → credential plans.
 */
package dev.credbroker.variables;
