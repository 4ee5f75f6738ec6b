-- A patient's alerts by status: the open ones for the figures, and the unresolved one of a kind that
-- every write looks for before raising another (alert_once cannot serve that query once its plan is generic).
CREATE INDEX alert_by_patient ON alert (patient_id, status);

-- The few sessions of a patient in which pain may have risen by 2 points or more during an exercise,
-- for flagged exercises (every session write and every progress read asks). The predicate is
-- FigureReads.MAY_FLAG, word for word: the planner uses the index only for a query that repeats it.
CREATE INDEX exercise_session_may_flag ON exercise_session (patient_id, at)
    WHERE pain_before IS NOT NULL AND (pain_after >= pain_before + 2 OR exercises @@ '$[*].painDuring >= 2');
