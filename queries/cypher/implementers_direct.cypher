// Documents that implement $key directly, with the evidence of the edge.
MATCH (d:Document)-[r:IMPLEMENTS]->(x:Document {key: $key})
RETURN d.key AS src, x.key AS dst, r.doc AS ev_doc, r.file AS ev_file, r.start AS ev_start, r.`end` AS ev_end,
       r.sentence AS ev_sentence, r.derived AS ev_derived
