// The tasks with a time frame that $key assigns, and the unit that leads each.
MATCH (x:Document {key: $key})-[a:ASSIGNED_TO]->(o:Organization)
WHERE a.role = 'lead' AND a.timeframe IS NOT NULL
RETURN x.key AS key, x.date AS date, x.year AS year, o.id AS org, a.members AS members, a.task AS task,
       a.timeframe AS timeframe
