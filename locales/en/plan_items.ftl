# The official's plan screen: the items on this page, how many in all and the most allowed.
plan-items-range-limit = <b>Items { $first }–{ $last } of { $total }</b> (at most { $max })
