// What $key assigns with a time frame, to whom: the duties whose day
// queries/deadlines.py reads (a plan to draw up, a report to send).
MATCH (x:Document {key: $key})-[a:ASSIGNED_TO]->(o:Organization)
WHERE a.timeframe IS NOT NULL
RETURN o.id AS org, a.role AS role, a.task AS task, a.timeframe AS timeframe
