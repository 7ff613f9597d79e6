// The units $key is addressed to (Nơi nhận) or assigns tasks to, with why it was sent
// (purpose: act | inform; null on assignments and on stores read before it was kept) and,
// for a collective ("UBND các xã, phường"), the kind of members of the unit it names.
MATCH (x:Document {key: $key})-[r:ADDRESSED_TO|ASSIGNED_TO]->(o:Organization)
RETURN DISTINCT o.id AS id, o.name AS name, o.level AS level, o.kind AS kind,
       o.province AS province, o.province_code AS province_code, o.code AS code,
       r.purpose AS purpose, r.members AS members
