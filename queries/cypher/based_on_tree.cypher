// The BASED_ON edges inside the tree of plans for $key (the plans implement or
// rest on $key, directly or through a chain, as gaps_plans.cypher counts
// them); implements_tree.cypher gives the IMPLEMENTS edges of the same tree.
MATCH (x:Document {key: $key})<-[:IMPLEMENTS|BASED_ON*0..9]-(p:Document)<-[r:BASED_ON]-(d:Document)
RETURN DISTINCT d.key AS src, p.key AS dst, r.doc AS ev_doc, r.file AS ev_file, r.start AS ev_start, r.`end` AS ev_end,
       r.sentence AS ev_sentence, r.derived AS ev_derived
