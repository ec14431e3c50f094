-- How far each user has read their in-app notifications: everything with an id up to seen_up_to
-- (notification ids only grow, so one number per user is the whole read state, whatever audiences —
-- user, role, agency — a notice reached them through). Newer notices show as unread until the user
-- marks them; the marker never moves back.
CREATE TABLE notification_marks (
    username   text        PRIMARY KEY,
    seen_up_to bigint      NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
