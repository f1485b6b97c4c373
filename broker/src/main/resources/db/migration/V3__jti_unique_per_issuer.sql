-- A jti is unique per issuer (RFC 7519 §4.1.7), not across the trusted issuers.
ALTER TABLE phase_session DROP CONSTRAINT phase_session_jti_unique;
ALTER TABLE phase_session ADD CONSTRAINT phase_session_issuer_jti_unique UNIQUE (issuer, jti);
