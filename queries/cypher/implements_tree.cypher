// The IMPLEMENTS edges inside the tree of plans for $key, directly or through
// a chain of IMPLEMENTS / BASED_ON edges (bounded at 10 steps): every edge
// d → p where p is $key or in its tree (based_on_tree.cypher gives the
// BASED_ON ones).  Python walks them from $key down to give each document its
// shortest chain, depth and delay.  Anchored at $key, so the engine expands
// from one node rather than joining whole edge tables.
MATCH (x:Document {key: $key})<-[:IMPLEMENTS|BASED_ON*0..9]-(p:Document)<-[r:IMPLEMENTS]-(d:Document)
RETURN DISTINCT d.key AS src, p.key AS dst, r.doc AS ev_doc, r.file AS ev_file, r.start AS ev_start, r.`end` AS ev_end,
       r.sentence AS ev_sentence, r.derived AS ev_derived
