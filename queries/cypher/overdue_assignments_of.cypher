// The tasks with a time frame that $key assigns, and the unit that leads each.
MATCH (x:Document {key: $key})-[a:ASSIGNED_TO]->(o:Organization)
WHERE a.role = 'lead' AND a.timeframe IS NOT NULL
RETURN x.key AS key, o.id AS org, a.task AS task, a.timeframe AS timeframe
