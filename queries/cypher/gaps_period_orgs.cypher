// Documents issued by the organizations $orgs (units without a plan and their
// offices, from the organization tree held in memory) in the period of $key:
// dated from $from (X's date, never before it) to $to, or undated and of the
// same year.  Python keeps those on the same subject (their stored subject
// words, written with every title) that do not cite $key.
MATCH (d:Document)-[:ISSUED_BY]->(o:Organization)
WHERE o.id IN $orgs AND d.key <> $key
  AND ((d.date >= $from AND d.date <= $to) OR (d.date IS NULL AND d.year = $year))
RETURN d.key AS key, o.id AS org, d.subject AS subject
