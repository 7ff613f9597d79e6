// The plans and reports $key asks of units by a day or every period (EXPECTS).
MATCH (x:Document {key: $key})-[e:EXPECTS]->(o:Organization)
RETURN x.key AS key, x.date AS date, x.year AS year, x.type AS type, o.id AS org, e.kind AS kind,
       e.members AS members, e.timeframe AS timeframe, e.due AS due, e.period AS period, e.sentence AS sentence
