// Documents by canonical key, with every property a DocRef needs.  UNWIND and
// a primary-key match: LadybugDB answers `WHERE d.key IN $keys` by a scan.
UNWIND $keys AS k
MATCH (d:Document {key: k})
RETURN d.key AS key, d.display AS display, d.type AS type, d.kind AS kind, d.number AS number,
       d.symbol AS symbol, d.date AS date, d.year AS year, d.date_not_before AS date_not_before,
       d.title AS title, d.issuer AS issuer, d.issuer_id AS issuer_id, d.level AS level,
       d.province AS province, d.ingested AS ingested
