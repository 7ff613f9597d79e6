// A page of documents in key order; empty string / 0 parameters mean "any".
// $q is folded text matched against the folded search column.
MATCH (d:Document)
WHERE ($type = '' OR d.type = $type)
  AND ($issuer = '' OR d.issuer_id = $issuer OR d.search CONTAINS $issuer_folded)
  AND ($province = '' OR d.province = $province OR d.province_code = $province)
  AND ($year = 0 OR d.year = $year)
  AND ($q = '' OR d.search CONTAINS $q)
RETURN d.key AS key, d.display AS display, d.type AS type, d.kind AS kind, d.number AS number,
       d.symbol AS symbol, d.date AS date, d.year AS year, d.date_not_before AS date_not_before,
       d.title AS title, d.issuer AS issuer, d.issuer_id AS issuer_id, d.level AS level,
       d.province AS province, d.ingested AS ingested
ORDER BY d.key
SKIP $skip
LIMIT $limit
