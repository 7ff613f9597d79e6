// Organizations by id (UNWIND and a primary-key match, not a scan).
UNWIND $ids AS i
MATCH (o:Organization {id: i})
RETURN o.id AS id, o.name AS name, o.level AS level, o.kind AS kind, o.province AS province,
       o.province_code AS province_code, o.code AS code
