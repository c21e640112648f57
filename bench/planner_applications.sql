-- Bench data only: `flask seed scale` writes no applications, so the Outcomes page would time
-- empty tables. This gives 150,000 applications of seekers 1..100000 to posted vacancies
-- (0 to 20 days after posting; unique per seeker and vacancy), each with its "applied" event,
-- and moves a fixed share on: 20 % stop at an interview, 4 % at an offer, 4 % are hired
-- (each with the events of the steps before).
-- Run once on the bench database (refuses to run twice: the (profile, vacancy) pairs are unique).
INSERT INTO applications (profile_id, vacancy_id, message, status, created_at, updated_at)
SELECT 1 + (i % 100000), v.id, '',
       CASE WHEN i % 25 = 0 THEN 'hired' WHEN i % 25 = 1 THEN 'offer'
            WHEN i % 5 = 2 THEN 'interview' ELSE 'applied' END,
       v.posted_at + ((i % 21) || ' days')::interval, v.posted_at + ((i % 21) || ' days')::interval
FROM generate_series(1, 150000) AS i
JOIN vacancies v ON v.id = 1 + ((i::bigint * 7919) % 200000)
WHERE v.posted_at IS NOT NULL;

INSERT INTO application_events (application_id, status, note, message, interview_place, reopened, created_at)
SELECT a.id, s.status, '', '', '', false, a.created_at + (s.step || ' days')::interval
FROM applications a
JOIN LATERAL (VALUES ('applied', 0), ('interview', 3), ('offer', 7), ('hired', 10)) AS s(status, step)
  ON s.status = 'applied'
  OR (s.status = 'interview' AND a.status IN ('interview', 'offer', 'hired'))
  OR (s.status = 'offer' AND a.status IN ('offer', 'hired'))
  OR (s.status = 'hired' AND a.status = 'hired');
ANALYZE applications;
ANALYZE application_events;
