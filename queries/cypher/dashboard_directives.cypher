// Documents that others act on (implement, rest on or report on),
// with how many do: the directives a dashboard opens on.  Python then counts
// each one's expected units with gaps() and keeps those with the most.
MATCH (d:Document)<-[:IMPLEMENTS|BASED_ON|REPORTS_ON]-(x:Document)
RETURN d.key AS key, count(DISTINCT x) AS n
ORDER BY n DESC, key
LIMIT $limit
