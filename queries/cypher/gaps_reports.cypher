// Reports on $key (or on a plan that implements it), with the organization
// that issued each (units it belongs to: org_ancestors.cypher).
MATCH (x:Document {key: $key})<-[:IMPLEMENTS*0..5]-(:Document)<-[:REPORTS_ON]-(d:Document)-[:ISSUED_BY]->(o:Organization)
RETURN DISTINCT d.key AS key, o.id AS org
