// Every PART_OF edge (office → commune → province), and every SUCCEEDED_BY edge
// (a unit of before July 2025 → today's: its documents count for today's units):
// the organization tree is the registry's size whatever the number of
// documents, so it is read whole and walked in Python (queries/org_tree.py).
MATCH (a:Organization)-[:PART_OF|SUCCEEDED_BY]->(b:Organization)
RETURN a.id AS src, b.id AS dst
