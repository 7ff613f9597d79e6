// Documents whose number is one of $numbers ("07" and "7" are both passed):
// the first step of name resolution, the rest is scored in Python.
MATCH (d:Document)
WHERE d.number IN $numbers
RETURN d.key AS key, d.display AS display, d.type AS type, d.kind AS kind, d.number AS number,
       d.symbol AS symbol, d.date AS date, d.year AS year, d.date_not_before AS date_not_before,
       d.title AS title, d.issuer AS issuer, d.issuer_id AS issuer_id, d.level AS level,
       d.province AS province, d.ingested AS ingested
