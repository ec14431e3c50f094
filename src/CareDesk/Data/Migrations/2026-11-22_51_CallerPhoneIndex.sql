-- The telephony screen-pop finds a caller by the phone number on their latest ticket.
CREATE INDEX tickets_caller_phone ON tickets (caller_phone, opened_at DESC) WHERE caller_phone IS NOT NULL;
