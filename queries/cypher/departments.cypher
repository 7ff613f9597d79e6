// The departments (sở, ban, văn phòng) of a province known to the graph.
MATCH (o:Organization)
WHERE o.level = 'department' AND (o.province = $province OR o.province_code = $province_code)
RETURN o.id AS id, o.name AS name, o.level AS level, o.kind AS kind,
       o.province AS province, o.province_code AS province_code, o.code AS code
