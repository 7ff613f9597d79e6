// Organizations by id.
MATCH (o:Organization)
WHERE o.id IN $ids
RETURN o.id AS id, o.name AS name, o.level AS level, o.kind AS kind, o.province AS province,
       o.province_code AS province_code, o.code AS code
