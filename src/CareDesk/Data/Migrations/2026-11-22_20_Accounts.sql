-- Accounts for ASP.NET Core Identity (our own Dapper store). One role per user; a liaison is always
-- bound to one of the owner agencies.
CREATE TABLE users (
    id                   uuid        PRIMARY KEY,
    user_name            text        NOT NULL,
    normalized_user_name text        NOT NULL UNIQUE,
    display_name_ar      text        NOT NULL,
    display_name_en      text        NOT NULL,
    role                 text        CHECK (role IN ('Agent', 'Liaison', 'Editor', 'Reviewer', 'Supervisor', 'Admin')),
    agency               text        CHECK (agency IN ('MOF', 'PASSPORTS', 'NIC', 'MOFA')),
    password_hash        text,
    security_stamp       text        NOT NULL,
    concurrency_stamp    text        NOT NULL,
    lockout_enabled      boolean     NOT NULL DEFAULT true,
    lockout_end          timestamptz,
    access_failed_count  integer     NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_liaison_has_agency CHECK (role IS DISTINCT FROM 'Liaison' OR agency IS NOT NULL)
);

CREATE INDEX users_role ON users (role);
