// Tasks with a time frame, and the unit that leads each (overdue.py reads the
// deadline from the time frame).
MATCH (x:Document)-[a:ASSIGNED_TO]->(o:Organization)
WHERE a.role = 'lead' AND a.timeframe IS NOT NULL
RETURN x.key AS key, x.date AS date, x.year AS year, o.id AS org, a.members AS members, a.task AS task,
       a.timeframe AS timeframe
