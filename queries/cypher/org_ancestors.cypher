// The units the organizations $ids belong to, up to three PART_OF steps
// (an office → its commune → its province), a former unit's successors counted
// in (SUCCEEDED_BY).  The organization table is the registry's size, whatever
// the number of documents.
MATCH (o:Organization)-[:PART_OF|SUCCEEDED_BY*1..3]->(u:Organization)
WHERE o.id IN $ids
RETURN DISTINCT o.id AS org, u.id AS unit
