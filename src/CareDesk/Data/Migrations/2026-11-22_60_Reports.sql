-- Indexes for the supervisor reports (Features/Reports/ReportQueries.cs).

-- Tickets opened per day by case type, and the first-contact resolution denominator.
CREATE INDEX tickets_opened_at ON tickets (opened_at) INCLUDE (case_type, owning_agency);

-- Open tickets by agency and stage now.
CREATE INDEX tickets_open_agency_stage ON tickets (owning_agency, stage_code, case_type) WHERE status <> 'resolved';

-- Stage ends (hand-offs, reroutes, resolutions) and escalations in a period; the stage each end
-- closes is found through ticket_events_ticket (ticket_id, id).
CREATE INDEX ticket_events_report ON ticket_events (at) INCLUDE (ticket_id, kind, agency)
    WHERE kind IN ('stage-advanced', 'rerouted', 'resolved', 'escalated');
