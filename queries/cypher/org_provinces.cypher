// Every organization's province (the registry's size whatever the number of
// documents): read once per store version, it says which units gaps may look
// up by province (gaps_period_province.cypher).
MATCH (o:Organization)
RETURN o.id AS id, o.province AS province
