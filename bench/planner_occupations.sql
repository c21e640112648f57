-- Bench data only: give scale vacancies (generated before the occupation classifier existed) a
-- KBJI 2014 group from their title, so the planners' pages have occupations to group by.
-- Titles matching nothing below stay unclassified (as unclassified vacancies do in production).
UPDATE vacancies SET occupation_origin = 'auto', occupation_code = CASE
    WHEN title ILIKE '%QA Tester%' THEN '2519'
    WHEN title ILIKE '%Database%' THEN '2521'
    WHEN title ILIKE '%Data Analyst%' THEN '2529'
    WHEN title ILIKE '%Network Engineer%' OR title ILIKE '%NOC Engineer%' THEN '2523'
    WHEN title ILIKE '%Infrastructure%' OR title ILIKE '%System Administrator%'
         OR title ILIKE '%Reliability%' OR title ILIKE '%DevOps%' THEN '2522'
    WHEN title ILIKE '%Teknisi Jaringan%' THEN '3513'
    WHEN title ILIKE '%Support%' OR title ILIKE '%Helpdesk%' THEN '3512'
    WHEN title ILIKE '%Mobile%' OR title ILIKE '%Android%' THEN '2514'
    WHEN title ILIKE '%Web Developer%' THEN '2513'
    WHEN title ILIKE '%Developer%' OR title ILIKE '%Engineer%' OR title ILIKE '%Programmer%' THEN '2512'
    WHEN title ILIKE '%Desain%' OR title ILIKE '%Design%' OR title ILIKE '%Content Creator%' THEN '2166'
    ELSE NULL END
WHERE occupation_origin IS NULL OR occupation_origin = 'auto';
