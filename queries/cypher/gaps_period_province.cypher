// gaps_period_orgs.cypher for organizations of one province, $province: the
// equality picks that province's few hundred organizations first, and the
// list is checked against those only (LadybugDB compares each organization of
// the store with every element of $orgs: 15 ms for 170 units at 100k).
MATCH (d:Document)-[:ISSUED_BY]->(o:Organization)
WHERE o.province = $province AND o.id IN $orgs AND d.key <> $key
  AND ((d.date >= $from AND d.date <= $to) OR (d.date IS NULL AND d.year = $year))
RETURN d.key AS key, o.id AS org, d.subject AS subject
