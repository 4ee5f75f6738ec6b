-- A patient's pain scores counted and summed by UTC day, kept by the statement that stores entries
-- (FigureReads.insert): the trend every write judges then reads its latest week as a few day rows,
-- however many entries the patient records in it.
CREATE TABLE pain_day (
    patient_id  uuid NOT NULL REFERENCES patient (id) ON DELETE CASCADE,
    day         date NOT NULL,
    entries     integer NOT NULL,
    total       integer NOT NULL,
    PRIMARY KEY (patient_id, day)
);

INSERT INTO pain_day (patient_id, day, entries, total)
SELECT patient_id, (at AT TIME ZONE 'UTC')::date, count(*), sum(score) FROM pain_entry GROUP BY 1, 2;
