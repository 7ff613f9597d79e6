// PART_OF edges touching the organizations $ids (units of a province, offices of a commune).
MATCH (a:Organization)-[:PART_OF]->(b:Organization)
WHERE a.id IN $ids OR b.id IN $ids
RETURN a.id AS src, b.id AS dst
