-- HTTP API: one key per integration (only the SHA-256 of the secret is stored), and one row per
-- ticket opened through the API (its channel, and the Idempotency-Key that makes retries safe).
CREATE TABLE api_keys (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    integration text        NOT NULL,
    key_hash    text        NOT NULL UNIQUE,
    scopes      text[]      NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

CREATE TABLE api_intake (
    ticket_id       bigint      PRIMARY KEY REFERENCES tickets (id),
    integration     text        NOT NULL,
    channel         text        NOT NULL,
    idempotency_key text,
    request_hash    text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX api_intake_idempotency ON api_intake (integration, idempotency_key) WHERE idempotency_key IS NOT NULL;
