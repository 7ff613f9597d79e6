// Edges from documents to the organizations $ids.
MATCH (a:Document)-[r]->(o:Organization)
WHERE o.id IN $ids
RETURN a.key AS src, o.id AS dst, type(r) AS rel, r.role AS role, r.task AS task, r.raw AS raw
