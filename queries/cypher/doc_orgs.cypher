// Edges from the documents $keys to organizations (issuer, recipients, assigned units).
MATCH (a:Document)-[r]->(o:Organization)
WHERE a.key IN $keys
RETURN a.key AS src, o.id AS dst, type(r) AS rel, r.role AS role, r.task AS task, r.raw AS raw
