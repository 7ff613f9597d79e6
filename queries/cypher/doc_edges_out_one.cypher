// Document-to-document edges leaving the one document $key, anchored there (see doc_edges_in_one).
MATCH (a:Document {key: $key})-[r]->(b:Document)
RETURN a.key AS src, b.key AS dst, type(r) AS rel, r.doc AS ev_doc, r.file AS ev_file, r.start AS ev_start, r.`end` AS ev_end,
       r.sentence AS ev_sentence, r.derived AS ev_derived, r.flag AS ev_flag
