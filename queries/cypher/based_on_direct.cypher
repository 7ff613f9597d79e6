// Documents that rest on $key directly ("Căn cứ …"), with the evidence of the
// edge.  A plan based on X counts as a plan for X, as in gaps_plans.cypher.
MATCH (d:Document)-[r:BASED_ON]->(x:Document {key: $key})
RETURN d.key AS src, x.key AS dst, r.doc AS ev_doc, r.file AS ev_file, r.start AS ev_start, r.`end` AS ev_end,
       r.sentence AS ev_sentence, r.derived AS ev_derived
