// Every IMPLEMENTS / BASED_ON edge leaving $key or anything it rests on
// (bounded at 10 steps): the way up to the central documents.
MATCH (x:Document {key: $key})-[:IMPLEMENTS|BASED_ON*0..10]->(d:Document)
WITH DISTINCT d
MATCH (d)-[r:IMPLEMENTS|BASED_ON]->(u:Document)
RETURN d.key AS src, u.key AS dst, label(r) AS rel, r.doc AS ev_doc, r.file AS ev_file, r.start AS ev_start, r.`end` AS ev_end,
       r.sentence AS ev_sentence, r.derived AS ev_derived
