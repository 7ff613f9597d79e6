// Documents issued by the units $units (or their offices) in the period of
// $key: dated from $from (X's date, never before it) to $to, or undated and of
// the same year.  Python keeps those on the same subject (their stored subject
// words, written with every title) that do not cite $key.
// (Stores that keep the organization tree in memory use gaps_period_orgs.)
MATCH (d:Document)-[:ISSUED_BY]->(o:Organization)-[:PART_OF*0..3]->(u:Organization)
WHERE u.id IN $units AND d.key <> $key
  AND ((d.date >= $from AND d.date <= $to) OR (d.date IS NULL AND d.year = $year))
RETURN DISTINCT d.key AS key, u.id AS unit, d.subject AS subject
