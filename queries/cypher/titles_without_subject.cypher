// A document with a title but no stored subject words: a store written before
// they were stored (gaps then reads such titles by key).
MATCH (d:Document)
WHERE d.title IS NOT NULL AND d.subject IS NULL
RETURN d.key AS key
LIMIT 1
