variable "vault_address" {
  description = "Address of the Vault to configure, e.g. https://vault.example.com:8200."
  type        = string
}

variable "vault_namespace" {
  description = "Vault Enterprise namespace to configure in; null for the root namespace or Vault OSS."
  type        = string
  default     = null
}

# ---- JWT auth: who may log in -------------------------------------------------------------------------

variable "jwt_auth_path" {
  description = "Mount path of the JWT auth method; the broker's default for TFC_VAULT_AUTH_PATH is jwt."
  type        = string
  default     = "jwt"
}

variable "issuer_url" {
  description = "Issuer of the workload identity tokens (the iss claim), e.g. https://app.terraform.io or the broker's own issuer."
  type        = string
}

variable "jwks_url" {
  description = "Where Vault fetches the issuer's signing keys. Vault checks it is reachable when this is applied. Set this or jwt_validation_pubkeys."
  type        = string
  default     = null
}

variable "jwt_validation_pubkeys" {
  description = "The issuer's public keys as PEM, for a Vault that can't reach its JWKS (for the broker's own issuer: `credbroker issuer export-pem`). Set this or jwks_url; export and apply again after every key rotation."
  type        = list(string)
  default     = null
}

variable "subject_format" {
  description = "How the platform builds sub: hcp (HCP Terraform / TFE, organization:O:project:P:workspace:W:run_phase:X) or otf (OTF, no project: organization:O:workspace:W:run_phase:X)."
  type        = string
  default     = "hcp"

  validation {
    condition     = contains(["hcp", "otf"], var.subject_format)
    error_message = "subject_format is hcp or otf."
  }
}

variable "bound_audience" {
  description = "The aud the tokens must carry (TFC_VAULT_WORKLOAD_IDENTITY_AUDIENCE). Vault 1.16.3+ rejects tokens with an aud unless the role binds one."
  type        = string
  default     = "vault.workload.identity"
}

variable "organization" {
  description = "HCP Terraform / TFE / OTF organization whose runs may log in."
  type        = string
}

variable "workspaces" {
  description = "Workspaces that get a plan role and an apply role, named <name>-plan and <name>-apply. OTF workspaces have no project."
  type = list(object({
    project = optional(string)
    name    = string
  }))

  validation {
    # The name ends up in a Vault path segment (the role name)
    condition     = alltrue([for ws in var.workspaces : can(regex("^[A-Za-z0-9_-]+$", ws.name))])
    error_message = "Workspace names may contain only letters, digits, '-' and '_'."
  }
}

variable "token_ttl" {
  description = "TTL in seconds of a phase's Vault token; the broker renews it while the phase heartbeats."
  type        = number
  default     = 1200
}

variable "token_max_ttl" {
  description = "Hard limit in seconds on a phase's Vault token, renewals included: the broker's phase limit (broker.phases.max-duration, 4h), so a token lives as long as the longest phase and no longer."
  type        = number
  default     = 14400
}

# ---- AWS secrets engine ---------------------------------------------------------------------------------

variable "aws" {
  description = "AWS secrets engine. Leave enabled = false to skip it."
  type = object({
    enabled              = bool
    path                 = optional(string, "aws")
    region               = optional(string, "us-east-1")
    iam_user_role        = optional(string, "tfc-iam-user")
    iam_user_policy_arns = optional(list(string), [])
    assumed_role         = optional(string, "tfc-assumed-role")
    assumed_role_arns    = optional(list(string), [])
    default_sts_ttl      = optional(number, 3600)
    max_sts_ttl          = optional(number, 7200)
  })
  default = { enabled = false }
}

variable "aws_access_key" {
  description = "Access key of the IAM user Vault uses to mint credentials."
  type        = string
  default     = null
  sensitive   = true
}

variable "aws_secret_key" {
  description = "Secret key of the IAM user Vault uses to mint credentials."
  type        = string
  default     = null
  sensitive   = true
}

# ---- Azure secrets engine -------------------------------------------------------------------------------

variable "azure" {
  description = "Azure secrets engine. Leave enabled = false to skip it."
  type = object({
    enabled         = bool
    path            = optional(string, "azure")
    subscription_id = optional(string, "")
    tenant_id       = optional(string, "")
    role            = optional(string, "tfc-contributor")
    ttl             = optional(number, 3600)
    max_ttl         = optional(number, 7200)
    azure_roles = optional(list(object({
      role_name = string
      scope     = string
    })), [])
  })
  default = { enabled = false }
}

variable "azure_client_id" {
  description = "Client id of the service principal Vault uses to create service principals."
  type        = string
  default     = null
  sensitive   = true
}

variable "azure_client_secret" {
  description = "Client secret of that service principal."
  type        = string
  default     = null
  sensitive   = true
}

# ---- GCP secrets engine ---------------------------------------------------------------------------------

variable "gcp" {
  description = "GCP secrets engine. Leave enabled = false to skip it."
  type = object({
    enabled      = bool
    path         = optional(string, "gcp")
    project      = optional(string, "")
    roleset      = optional(string, "tfc-roleset")
    secret_type  = optional(string, "access_token")
    token_scopes = optional(list(string), ["https://www.googleapis.com/auth/cloud-platform"])
    bindings = optional(list(object({
      resource = string
      roles    = list(string)
    })), [])
  })
  default = { enabled = false }
}

variable "gcp_credentials" {
  description = "JSON key of the service account Vault uses to manage rolesets."
  type        = string
  default     = null
  sensitive   = true
}

# ---- Audit and the broker's own identity ----------------------------------------------------------------

variable "audit_file_path" {
  description = "Where the file audit device writes, on the Vault server."
  type        = string
  default     = "/vault/logs/audit.log"
}

variable "approle_path" {
  description = "Mount path of the AppRole auth method the broker's revocation identity logs in with."
  type        = string
  default     = "approle"
}

variable "reaper_token_bound_cidrs" {
  description = "CIDRs the revocation identity's token may be used from; empty means anywhere."
  type        = list(string)
  default     = []
}
