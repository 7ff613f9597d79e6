// Documents issued by the units $units (or their offices) in the period of
// $key: the same year, or dated from $from to $to.  Python keeps those on the
// same subject that do not cite $key.
MATCH (d:Document)-[:ISSUED_BY]->(o:Organization)-[:PART_OF*0..3]->(u:Organization)
WHERE u.id IN $units AND d.key <> $key
  AND (d.year = $year OR (d.date >= $from AND d.date <= $to))
RETURN DISTINCT d.key AS key, u.id AS unit, d.title AS title, d.date AS date, d.year AS year
