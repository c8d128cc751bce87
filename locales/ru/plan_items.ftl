# The official's plan screen: the items on this page, how many in all and the most allowed.
plan-items-range-limit = <b>Пункты { $first }–{ $last } из { $total }</b> (не более { $max })
