# Insertion order of list inserts per table type, as Erlang's (bags take a list last first).
for ty <- [:set, :ordered_set, :bag, :duplicate_bag] do
  s = :ets.new(:s, [ty])
  :ets.insert(s, [{:k, 1}, {:k, 2}, {:j, 0}, {:k, 3}])
  IO.inspect({ty, :ets.lookup(s, :k)})
end
b = :ets.new(:b, [:bag])
:ets.insert_new(b, [{:a, 1}, {:a, 2}])
IO.inspect(:ets.lookup(b, :a))
:ets.insert(b, {:a, 3})
IO.inspect(:ets.lookup(b, :a))
IO.inspect(:ets.lookup_element(b, :a, 2))
# expect: {:set, [k: 3]}
# expect: {:ordered_set, [k: 3]}
# expect: {:bag, [k: 3, k: 2, k: 1]}
# expect: {:duplicate_bag, [k: 1, k: 2, k: 3]}
# expect: [a: 2, a: 1]
# expect: [a: 2, a: 1, a: 3]
# expect: [2, 1, 3]
