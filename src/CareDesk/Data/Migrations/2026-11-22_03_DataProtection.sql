-- ASP.NET Core data-protection keys (antiforgery tokens, auth cookies, circuit state), shared by every
-- app node so a cookie issued by one node is accepted by the others.
CREATE TABLE data_protection_keys (
    name       text PRIMARY KEY,
    xml        text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
