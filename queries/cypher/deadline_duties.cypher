// What $key assigns with a time frame, to whom: the duties whose day
// queries/deadlines.py reads (a plan to draw up, a report to send).  A collective
// ("Ủy ban nhân dân các xã, phường") is one edge to its unit with `members`.
MATCH (x:Document {key: $key})-[a:ASSIGNED_TO]->(o:Organization)
WHERE a.timeframe IS NOT NULL
RETURN o.id AS org, a.role AS role, a.task AS task, a.timeframe AS timeframe, a.members AS members,
       a.start AS start, a.`end` AS `end`
