// Every document's folded search text (and type, whose name is searchable
// too): ranking is fuzzy (rapidfuzz) and done in Python on this column only;
// the few hits are fetched in full afterwards.
MATCH (d:Document)
RETURN d.key AS key, d.type AS type, d.display AS display, d.title AS title, d.issuer AS issuer,
       d.search AS search
