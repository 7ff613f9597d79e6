// Reports on $key (or on a plan that implements it), with every unit their
// issuer belongs to.
MATCH (d:Document)-[:REPORTS_ON]->(:Document)-[:IMPLEMENTS*0..5]->(x:Document {key: $key})
WITH DISTINCT d
MATCH (d)-[:ISSUED_BY]->(o:Organization)-[:PART_OF*0..3]->(u:Organization)
RETURN DISTINCT d.key AS key, u.id AS unit
