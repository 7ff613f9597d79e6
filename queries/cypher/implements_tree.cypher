// Every IMPLEMENTS edge leaving a document that implements $key, directly or
// through a chain (bounded at 10 steps).  Python walks the edges from $key
// down to give each document its shortest chain, depth and delay.
MATCH (d:Document)-[:IMPLEMENTS*1..10]->(x:Document {key: $key})
WITH DISTINCT d
MATCH (d)-[r:IMPLEMENTS]->(p:Document)
RETURN d.key AS src, p.key AS dst, r.doc AS ev_doc, r.file AS ev_file, r.start AS ev_start, r.`end` AS ev_end,
       r.sentence AS ev_sentence, r.derived AS ev_derived
