// The edges of the tree of plans for $key: every IMPLEMENTS or BASED_ON edge
// d → p where p is $key or a plan for it, directly or through a chain of such
// edges (bounded at 10 steps), with its relation and evidence.  Python walks
// them from $key down to give each document its shortest chain, depth and
// delay.  Anchored at $key, so the engine expands from one node rather than
// joining whole edge tables.
MATCH (x:Document {key: $key})<-[:IMPLEMENTS|BASED_ON*0..9]-(p:Document)<-[r:IMPLEMENTS|BASED_ON]-(d:Document)
RETURN DISTINCT d.key AS src, p.key AS dst, type(r) AS rel, r.doc AS ev_doc, r.file AS ev_file, r.start AS ev_start,
       r.`end` AS ev_end, r.sentence AS ev_sentence, r.derived AS ev_derived
