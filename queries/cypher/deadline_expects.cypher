// The plans and reports $key asks for (EXPECTS), by a day or every period, with the
// sentence that sets each (queries/deadlines.py).
MATCH (x:Document {key: $key})-[e:EXPECTS]->(o:Organization)
RETURN o.id AS org, e.kind AS kind, e.members AS members, e.timeframe AS timeframe, e.due AS due,
       e.period AS period, e.file AS file, e.start AS start, e.`end` AS `end`, e.sentence AS sentence
