// The plans for $key one step down: documents that implement it ("Thực hiện …")
// or rest on it ("Căn cứ …"), as gaps_plans.cypher counts them, each row with
// its relation and the evidence of the edge.  Both relations in one pattern:
// one lookup per document of a tree, not two.
MATCH (d:Document)-[r:IMPLEMENTS|BASED_ON]->(x:Document {key: $key})
RETURN d.key AS src, x.key AS dst, label(r) AS rel, r.doc AS ev_doc, r.file AS ev_file, r.start AS ev_start,
       r.`end` AS ev_end, r.sentence AS ev_sentence, r.derived AS ev_derived
