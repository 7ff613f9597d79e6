// Every PART_OF edge (office → commune → province): the organization tree is
// the registry's size whatever the number of documents, so it is read whole
// and walked in Python (queries/org_tree.py).
MATCH (a:Organization)-[:PART_OF]->(b:Organization)
RETURN a.id AS src, b.id AS dst
