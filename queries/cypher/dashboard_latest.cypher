// The latest dated documents whose own text was read, newest first.
MATCH (d:Document)
WHERE d.ingested = true AND d.date IS NOT NULL
RETURN d.key AS key, d.date AS date
ORDER BY d.date DESC, d.key
LIMIT $limit
