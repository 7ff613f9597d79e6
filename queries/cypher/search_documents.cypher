// Every document's folded search text, and what name resolution checks
// (number, symbol, type, year, date; province and key for place words):
// ranking is fuzzy (rapidfuzz) and done in Python on these columns only;
// the few hits are fetched in full afterwards.
MATCH (d:Document)
RETURN d.key AS key, d.type AS type, d.display AS display, d.title AS title, d.issuer AS issuer,
       d.search AS search, d.number AS number, d.symbol AS symbol, d.year AS year, d.date AS date,
       d.ingested AS ingested, d.province AS province
