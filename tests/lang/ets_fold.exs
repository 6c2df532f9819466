# :ets.foldl/foldr (written in the language over tab2list).
t = :ets.new(:f, [:ordered_set])
:ets.insert(t, [{1, :a}, {2, :b}, {3, :c}])
IO.inspect(:ets.foldl(fn {k, _}, acc -> [k | acc] end, [], t))
IO.inspect(:ets.foldr(fn {k, _}, acc -> [k | acc] end, [], t))
IO.inspect(:ets.lookup(t, 2))
# expect: [3, 2, 1]
# expect: [1, 2, 3]
# expect: [{2, :b}]
