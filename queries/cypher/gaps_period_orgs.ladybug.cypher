// gaps_period_orgs.cypher with the join order given: LadybugDB otherwise scans every
// Document (date, year, title, key) and joins the units' ISSUED_BY edges to them, a
// cost that grows with the corpus (90 ms at 1M documents).  Built from the units'
// organizations and their ISSUED_BY lists, the join hands the Document scan the few
// nodes it needs (a semi-join mask): the cost follows the answer, not the store.
MATCH (d:Document)-[i:ISSUED_BY]->(o:Organization)
WHERE o.id IN $orgs AND d.key <> $key
  AND ((d.date >= $from AND d.date <= $to) OR (d.date IS NULL AND d.year = $year))
HINT d JOIN (o JOIN i)
RETURN d.key AS key, o.id AS org, d.subject AS subject
