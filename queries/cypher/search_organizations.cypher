// Every organization with its folded search text, for fuzzy ranking in Python.
MATCH (o:Organization)
RETURN o.id AS id, o.name AS name, o.level AS level, o.kind AS kind, o.province AS province,
       o.province_code AS province_code, o.code AS code, o.search AS search
