t = :ets.new(:t, [:set, :public])
IO.inspect(:ets.insert(t, {:a, 1}))
IO.inspect(:ets.insert(t, [{:b, 2}, {:c, 3}]))
IO.inspect(:ets.lookup(t, :a))
IO.inspect(:ets.lookup(t, :zz))
IO.inspect(:ets.insert(t, {:a, 10}))
IO.inspect(:ets.lookup(t, :a))
IO.inspect(:ets.insert_new(t, {:a, 11}))
IO.inspect(:ets.insert_new(t, {:d, 4}))
IO.inspect(:ets.member(t, :d))
IO.inspect(:ets.lookup_element(t, :b, 2))
IO.inspect(:ets.info(t, :size))
IO.inspect(:ets.tab2list(t) |> Enum.sort())
IO.inspect(:ets.delete(t, :d))
IO.inspect(:ets.member(t, :d))
IO.inspect(:ets.update_counter(t, :b, 5))
IO.inspect(:ets.update_counter(t, :b, {2, -10, 0, 100}))
IO.inspect(:ets.update_counter(t, :new, 1, {:new, 41}))
IO.inspect(:ets.update_element(t, :c, {2, :three}))
IO.inspect(:ets.update_element(t, :missing, {2, :x}))
IO.inspect(:ets.lookup(t, :c))
IO.inspect(:ets.select(t, [{{:"$1", :"$2"}, [{:is_integer, :"$2"}, {:>, :"$2", 20}], [{{:"$2", :"$1"}}]}]) |> Enum.sort())
IO.inspect(:ets.select_count(t, [{{:_, :"$1"}, [{:is_integer, :"$1"}], [true]}]))
IO.inspect(:ets.match(t, {:"$1", :three}))
IO.inspect(:ets.match_object(t, {:_, :three}))
IO.inspect(:ets.select(t, [{{:c, :_}, [], [:"$_"]}]))
IO.inspect(:ets.select(t, [{{:"$1", :"$2"}, [{:==, :"$1", :a}], [:"$$"]}]))
IO.inspect(:ets.select_delete(t, [{{:_, :"$1"}, [{:is_integer, :"$1"}], [true]}]))
IO.inspect(:ets.tab2list(t))
o = :ets.new(:o, [:ordered_set])
:ets.insert(o, [{3, :c}, {1, :a}, {2, :b}, {2.0, :bf}])
IO.inspect(:ets.tab2list(o))
IO.inspect({:ets.first(o), :ets.last(o), :ets.next(o, 1), :ets.next(o, 1.5), :ets.prev(o, 3), :ets.next(o, 3)})
b = :ets.new(:b, [:bag])
:ets.insert(b, [{:k, 1}, {:k, 2}, {:k, 1}, {:j, 3}])
IO.inspect(:ets.lookup(b, :k))
:ets.delete_object(b, {:k, 1})
IO.inspect(:ets.lookup(b, :k))
d = :ets.new(:d, [:duplicate_bag])
:ets.insert(d, [{:k, 1}, {:k, 2}, {:k, 1}])
IO.inspect(:ets.lookup(d, :k))
IO.inspect(:ets.lookup_element(d, :k, 2))
n = :ets.new(:named, [:named_table])
IO.inspect(n)
:ets.insert(:named, {"key", %{a: [1, 2, "bin"]}})
IO.inspect(:ets.lookup(:named, "key"))
IO.inspect(:ets.info(:named, :name))
IO.inspect(:ets.info(:named, :owner) == self())
IO.inspect(:ets.whereis(:named) |> is_reference())
IO.inspect(:ets.first(:ets.new(:e, [])))
try do
  :ets.new(:named, [:named_table])
rescue
  e -> IO.puts(Exception.message(e))
end
IO.inspect(:ets.delete(:named))
try do
  :ets.lookup(:named, 1)
rescue
  e -> IO.puts(Exception.message(e))
end
IO.inspect(:ets.info(:named, :size))
try do
  :ets.insert(t, :x)
rescue
  e -> IO.puts(Exception.message(e))
end
k = :ets.new(:kp, [{:keypos, 2}])
:ets.insert(k, {:v, :key})
IO.inspect(:ets.lookup(k, :key))
# expect: true
# expect: true
# expect: [a: 1]
# expect: []
# expect: true
# expect: [a: 10]
# expect: false
# expect: true
# expect: true
# expect: 2
# expect: 4
# expect: [a: 10, b: 2, c: 3, d: 4]
# expect: true
# expect: false
# expect: 7
# expect: 100
# expect: 42
# expect: true
# expect: false
# expect: [c: :three]
# expect: [{42, :new}, {100, :b}]
# expect: 3
# expect: [[:c]]
# expect: [c: :three]
# expect: [c: :three]
# expect: [[:a, 10]]
# expect: 3
# expect: [c: :three]
# expect: [{1, :a}, {2.0, :bf}, {3, :c}]
# expect: {1, 3, 2.0, 2.0, 2.0, :"$end_of_table"}
# expect: [k: 1, k: 2]
# expect: [k: 2]
# expect: [k: 1, k: 2, k: 1]
# expect: [1, 2, 1]
# expect: :named
# expect: [{"key", %{a: [1, 2, "bin"]}}]
# expect: :named
# expect: true
# expect: true
# expect: :"$end_of_table"
# expect: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: table name already exists
# expect:
# expect: true
# expect: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: the table identifier does not refer to an existing ETS table
# expect:
# expect: :undefined
# expect: errors were found at the given arguments:
# expect:
# expect:   * 2nd argument: not a tuple
# expect:
# expect: [v: :key]
