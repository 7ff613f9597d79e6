// The units $key is addressed to (Nơi nhận) or assigns tasks to.
MATCH (x:Document {key: $key})-[:ADDRESSED_TO|ASSIGNED_TO]->(o:Organization)
RETURN DISTINCT o.id AS id, o.name AS name, o.level AS level, o.kind AS kind,
       o.province AS province, o.province_code AS province_code, o.code AS code
