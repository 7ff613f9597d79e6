// Documents that implement $key directly or through a chain of IMPLEMENTS /
// BASED_ON edges, with the organization that issued each.  Python adds the
// units that organization belongs to (org_ancestors.cypher): a unit listed
// there has a plan for $key.  The pattern starts at $key so the engine walks
// out from one node instead of joining whole edge tables.
MATCH (x:Document {key: $key})<-[:IMPLEMENTS|BASED_ON*1..6]-(d:Document)-[:ISSUED_BY]->(o:Organization)
RETURN DISTINCT d.key AS key, o.id AS org
