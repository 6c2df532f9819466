# :lists and :maps functions that take funs (erl_lists.ex), expected output from elixir 1.14.
IO.inspect :lists.map(&(&1 * 2), [1, 2])
IO.inspect :lists.filter(&(&1 > 1), [1, 2, 3])
IO.inspect :lists.foldl(fn x, a -> [x | a] end, [], [1, 2, 3])
IO.inspect :lists.foldr(fn x, a -> [x | a] end, [], [1, 2, 3])
IO.inspect :lists.foreach(&IO.inspect/1, [:a])
IO.inspect :lists.any(&(&1 > 2), [1, 3])
IO.inspect :lists.all(&(&1 > 2), [1, 3])
IO.inspect :lists.flatmap(&[&1, &1], [1, 2])
IO.inspect :lists.mapfoldl(fn x, a -> {x * 2, a + x} end, 0, [1, 2])
IO.inspect :lists.splitwith(&(&1 < 2), [1, 2, 1])
IO.inspect :lists.partition(&(&1 < 2), [1, 2, 1])
IO.inspect :lists.zipwith(&+/2, [1, 2], [3, 4])
IO.inspect :lists.sort(&>=/2, [1, 3, 2])
IO.inspect :lists.filtermap(fn x -> if x > 1, do: {true, x * 10}, else: x == 1 end, [0, 1, 2])
IO.inspect :lists.search(&(&1 > 1), [1, 2, 3])
IO.inspect :lists.search(&(&1 > 5), [1, 2, 3])
IO.inspect :lists.keymap(&(&1 * 2), 2, [{:a, 1}])
IO.inspect :maps.fold(fn _k, v, a -> a + v end, 0, %{a: 1, b: 2})
IO.inspect :maps.map(fn _k, v -> v * 2 end, %{a: 1})
IO.inspect :maps.filter(fn _k, v -> v > 1 end, %{a: 1, b: 2})
IO.inspect :maps.update_with(:a, &(&1 + 1), %{a: 1})
IO.inspect :maps.update_with(:b, &(&1 + 1), 0, %{a: 1})
IO.inspect :lists.reverse([1, 2])
IO.inspect :lists.seq(1, 3)
IO.inspect :maps.get(:a, %{a: 1})
# expect: [2, 4]
# expect: [2, 3]
# expect: [3, 2, 1]
# expect: [1, 2, 3]
# expect: :a
# expect: :ok
# expect: true
# expect: false
# expect: [1, 1, 2, 2]
# expect: {[2, 4], 3}
# expect: {[1], [2, 1]}
# expect: {[1, 1], [2]}
# expect: [4, 6]
# expect: [3, 2, 1]
# expect: [1, 20]
# expect: {:value, 2}
# expect: false
# expect: [a: 2]
# expect: 3
# expect: %{a: 2}
# expect: %{b: 2}
# expect: %{a: 2}
# expect: %{a: 1, b: 0}
# expect: [2, 1]
# expect: [1, 2, 3]
# expect: 1
