// Plans and reports documents ask of units by a day or every period (EXPECTS), with
// the asking document's date and type (overdue.py works out the day each is due).
MATCH (x:Document)-[e:EXPECTS]->(o:Organization)
RETURN x.key AS key, x.date AS date, x.year AS year, x.type AS type, o.id AS org, e.kind AS kind,
       e.members AS members, e.timeframe AS timeframe, e.due AS due, e.period AS period, e.sentence AS sentence
