// Documents that implement $key directly or through a chain of IMPLEMENTS /
// BASED_ON edges, with every unit their issuer belongs to (itself included):
// a unit whose id is listed has a plan for $key.
MATCH (d:Document)-[:IMPLEMENTS|BASED_ON*1..6]->(x:Document {key: $key})
WITH DISTINCT d
MATCH (d)-[:ISSUED_BY]->(o:Organization)-[:PART_OF*0..3]->(u:Organization)
RETURN DISTINCT d.key AS key, u.id AS unit
