// hits_by_ids.cypher with its nulls typed: LadybugDB binds both sides of a
// UNION to one column type and a bare NULL has none.
UNWIND $keys AS k
MATCH (d:Document {key: k})
RETURN 'document' AS what, d.key AS key, d.display AS display, d.type AS type, d.kind AS kind,
       d.number AS number, d.symbol AS symbol, d.date AS date, d.year AS year,
       d.date_not_before AS date_not_before, d.title AS title, d.issuer AS issuer, d.issuer_id AS issuer_id,
       d.level AS level, d.province AS province, d.ingested AS ingested,
       CAST(NULL AS STRING) AS id, CAST(NULL AS STRING) AS name, CAST(NULL AS STRING) AS province_code, CAST(NULL AS STRING) AS code
UNION ALL
UNWIND $ids AS i
MATCH (o:Organization {id: i})
RETURN 'organization' AS what, CAST(NULL AS STRING) AS key, CAST(NULL AS STRING) AS display, CAST(NULL AS STRING) AS type, o.kind AS kind,
       CAST(NULL AS STRING) AS number, CAST(NULL AS STRING) AS symbol, CAST(NULL AS STRING) AS date, CAST(NULL AS INT64) AS year,
       CAST(NULL AS STRING) AS date_not_before, CAST(NULL AS STRING) AS title, CAST(NULL AS STRING) AS issuer, CAST(NULL AS STRING) AS issuer_id,
       o.level AS level, o.province AS province, CAST(NULL AS BOOLEAN) AS ingested,
       o.id AS id, o.name AS name, o.province_code AS province_code, o.code AS code
