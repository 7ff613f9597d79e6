// gaps_reports.cypher as one walk out from $key over IMPLEMENTS and REPORTS_ON,
// kept when its last step (the one farthest from $key) is its only REPORTS_ON:
// the same reports.  Written as a hop after the IMPLEMENTS chain, LadybugDB
// joins that hop by scanning every document (about 40 ms at 1,000,000
// documents); the single walk starts at $key and stays near it (about 10 ms).
// The steps are named before the issuer is joined: with the ISSUED_BY hop in
// the same MATCH, LadybugDB gives the walk's relationships wrong labels.
MATCH (x:Document {key: $key})<-[e:IMPLEMENTS|REPORTS_ON*1..6]-(d:Document)
WITH d, list_transform(rels(e), r -> label(r)) AS steps
WHERE steps[size(steps)] = 'REPORTS_ON' AND size(list_filter(steps, s -> s = 'REPORTS_ON')) = 1
WITH DISTINCT d
MATCH (d)-[:ISSUED_BY]->(o:Organization)
RETURN DISTINCT d.key AS key, o.id AS org
