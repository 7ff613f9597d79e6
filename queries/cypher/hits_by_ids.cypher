// The documents and organizations of a search's hits in one query (one round
// trip to a server, not two): rows of documents_by_keys.cypher and of
// orgs_by_ids.cypher under one set of columns, ``what`` saying which.
UNWIND $keys AS k
MATCH (d:Document {key: k})
RETURN 'document' AS what, d.key AS key, d.display AS display, d.type AS type, d.kind AS kind,
       d.number AS number, d.symbol AS symbol, d.date AS date, d.year AS year,
       d.date_not_before AS date_not_before, d.title AS title, d.issuer AS issuer, d.issuer_id AS issuer_id,
       d.level AS level, d.province AS province, d.ingested AS ingested,
       NULL AS id, NULL AS name, NULL AS province_code, NULL AS code
UNION ALL
UNWIND $ids AS i
MATCH (o:Organization {id: i})
RETURN 'organization' AS what, NULL AS key, NULL AS display, NULL AS type, o.kind AS kind,
       NULL AS number, NULL AS symbol, NULL AS date, NULL AS year,
       NULL AS date_not_before, NULL AS title, NULL AS issuer, NULL AS issuer_id,
       o.level AS level, o.province AS province, NULL AS ingested,
       o.id AS id, o.name AS name, o.province_code AS province_code, o.code AS code
