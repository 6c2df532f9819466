# Enum over lists, ranges, maps and MapSets: results as Elixir 1.14 gives.
defmodule T do
  def err(f) do
    try do
      f.()
    rescue
      e -> {e.__struct__, Exception.message(e)}
    end
  end
end

IO.inspect(Enum.map([1, 2, 3], fn x -> x * 2 end))
IO.inspect(Enum.map(1..4, &(&1 + 1)))
IO.inspect(Enum.map(%{a: 1, b: 2}, fn {k, v} -> {v, k} end))
IO.inspect(Enum.filter(1..10, &(rem(&1, 3) == 0)))
IO.inspect(Enum.reject([1, nil, 2, false], &(&1)))
IO.inspect(Enum.reduce(1..100, 0, &+/2))
IO.inspect(Enum.reduce([3, 9, 2], fn x, acc -> max(x, acc) end))
IO.inspect(T.err(fn -> Enum.reduce([], &+/2) end))
IO.inspect(Enum.reduce_while(1..10, 0, fn x, acc -> if x > 4, do: {:halt, acc}, else: {:cont, acc + x} end))
IO.inspect({Enum.sum(1..10), Enum.sum(1..10//3), Enum.sum(10..1//-2), Enum.sum([1, 2.5])})
IO.inspect({Enum.product([2, 3, 4]), Enum.product([])})
IO.inspect({Enum.count([1, 2, 3]), Enum.count(1..10//2), Enum.count(%{a: 1}), Enum.count([1, 2, 3], &(&1 > 1))})
IO.inspect({Enum.min([3, 1, 2]), Enum.max([3, 1, 2]), Enum.min_max([5, 3, 9])})
IO.inspect({Enum.max_by(["a", "ccc", "bb"], &String.length/1), Enum.min_by([{1, :a}, {0, :b}], &elem(&1, 0))})
IO.inspect(Enum.max([], fn -> :empty end))
IO.inspect(T.err(fn -> Enum.max([]) end))
IO.inspect(T.err(fn -> Enum.min_by([], & &1) end))
IO.inspect(Enum.sort([3, 1, 2]))
IO.inspect(Enum.sort([3, 1, 2], :desc))
IO.inspect(Enum.sort([{1, :b}, {0, :c}, {1, :a}], fn {a, _}, {b, _} -> a <= b end))
IO.inspect(Enum.sort_by(["bb", "a", "ccc", "dd"], &String.length/1))
IO.inspect(Enum.sort_by(["bb", "a", "ccc", "dd"], &String.length/1, :desc))
IO.inspect(Enum.group_by(~w(ant bee cat ape bat), &String.first/1))
IO.inspect(Enum.group_by([1, 2, 3, 4], &rem(&1, 2), &(&1 * 10)))
IO.inspect(Enum.frequencies(~w(a b a c b a)))
IO.inspect(Enum.frequencies_by([1, 2, 3, 4, 5], &rem(&1, 2)))
IO.inspect({Enum.uniq([1, 2, 1, 3, 2]), Enum.uniq_by([{1, :a}, {2, :b}, {1, :c}], &elem(&1, 0))})
IO.inspect({Enum.dedup([1, 1, 2, 2, 1]), Enum.dedup_by([5, 6, 1, 2, 9], &(&1 > 4))})
IO.inspect(Enum.zip([1, 2, 3], [:a, :b]))
IO.inspect(Enum.zip([[1, 2], [:a, :b], ["x", "y"]]))
IO.inspect(Enum.zip_with([1, 2], [3, 4], &+/2))
IO.inspect(Enum.unzip([{1, :a}, {2, :b}]))
IO.inspect({Enum.with_index([:a, :b]), Enum.with_index([:a, :b], 1)})
IO.inspect(Enum.with_index([:a, :b], fn x, i -> {i, x} end))
IO.inspect({Enum.take([1, 2, 3], 2), Enum.take([1, 2, 3], -2), Enum.take(1..100, 3)})
IO.inspect({Enum.drop([1, 2, 3], 2), Enum.drop([1, 2, 3], -2)})
IO.inspect({Enum.take_while([1, 2, 3, 1], &(&1 < 3)), Enum.drop_while([1, 2, 3, 1], &(&1 < 3))})
IO.inspect({Enum.take_every(1..10, 3), Enum.drop_every(1..10, 3)})
IO.inspect(Enum.chunk_every([1, 2, 3, 4, 5], 2))
IO.inspect(Enum.chunk_every([1, 2, 3, 4, 5, 6], 3, 2))
IO.inspect(Enum.chunk_every([1, 2, 3, 4, 5, 6], 3, 2, :discard))
IO.inspect(Enum.chunk_every([1, 2, 3, 4], 3, 3, [:pad]))
IO.inspect(Enum.chunk_by([1, 1, 2, 3, 3], &(&1)))
IO.inspect(Enum.flat_map([1, 2], &[&1, &1 * 10]))
IO.inspect(Enum.flat_map_reduce([1, 2, 3], 0, fn x, acc -> if acc > 2, do: {:halt, acc}, else: {[x, x], acc + x} end))
IO.inspect(Enum.map_reduce([1, 2, 3], 0, fn x, acc -> {x * 2, acc + x} end))
IO.inspect({Enum.into([a: 1], %{}), Enum.into([1, 2], []), Enum.into(%{b: 2}, %{a: 1})})
IO.inspect(Enum.into([1, 2], %{}, &{&1, &1 * &1}))
IO.inspect({Enum.join([1, 2, 3]), Enum.join(["a", :b, 'c'], ", "), Enum.map_join(1..3, "-", &(&1 * 2))})
IO.inspect({Enum.find([1, 2, 3], &(&1 > 1)), Enum.find([1], &(&1 > 1)), Enum.find([1], :none, &(&1 > 1))})
IO.inspect({Enum.find_index([:a, :b], &(&1 == :b)), Enum.find_value([1, 2], &(&1 > 1 && &1 * 10))})
IO.inspect({Enum.any?([false, nil]), Enum.any?([1, 2], &(&1 > 1)), Enum.all?([]), Enum.all?([1, 2], &(&1 > 1))})
IO.inspect({Enum.member?([1, 2], 2), Enum.member?(1..10, 5), Enum.member?(1..10, 5.0), Enum.member?(%{a: 1}, {:a, 1})})
IO.inspect({Enum.reverse([1, 2, 3]), Enum.reverse(1..3), Enum.reverse([1, 2], [3, 4])})
IO.inspect({Enum.split([1, 2, 3], 1), Enum.split([1, 2, 3], -1), Enum.split_while([1, 2, 3], &(&1 < 2))})
IO.inspect(Enum.split_with([1, 2, 3, 4], &(rem(&1, 2) == 0)))
IO.inspect({Enum.slice([1, 2, 3, 4, 5], 1..3), Enum.slice([1, 2, 3, 4, 5], 1..-2), Enum.slice([1, 2, 3, 4, 5], -2, 5)})
IO.inspect({Enum.at([1, 2, 3], 1), Enum.at([1, 2, 3], -1), Enum.at([1, 2, 3], 5), Enum.at([1], 5, :none)})
IO.inspect({Enum.fetch([1, 2], 1), Enum.fetch([1, 2], 2), Enum.fetch!(1..3, 0)})
IO.inspect(T.err(fn -> Enum.fetch!([1, 2], 2) end))
IO.inspect({Enum.to_list(1..3), Enum.to_list(%{a: 1}), Enum.to_list(3..1//-1)})
IO.inspect({Enum.scan(1..4, &+/2), Enum.scan([1, 2], 10, &+/2)})
IO.inspect({Enum.intersperse([1, 2, 3], 0), Enum.concat([[1], [2, 3]]), Enum.concat([1], 2..3)})
IO.inspect({Enum.empty?([]), Enum.empty?(1..0//1), Enum.empty?(%{a: 1})})
IO.inspect({Enum.count_until(1..100, 5), Enum.min_max_by(["aa", "b", "ccc"], &String.length/1)})
IO.inspect({Enum.map_every(1..6, 2, &(-&1)), Enum.map_intersperse([1, 2], :s, &(&1 * 2))})
IO.inspect(Enum.each([1, 2], &IO.puts/1))
IO.inspect(T.err(fn -> Enum.map(5, & &1) end))
chunk = fn x, acc -> if rem(x, 2) == 0, do: {:cont, Enum.reverse([x | acc]), []}, else: {:cont, [x | acc]} end
after_chunk = fn
  [] -> {:cont, []}
  acc -> {:cont, Enum.reverse(acc), []}
end
IO.inspect(Enum.chunk_while(1..10, [], chunk, after_chunk))
IO.inspect(Enum.chunk_while([1, 2, 3], [], chunk, after_chunk))

# expect: [2, 4, 6]
# expect: [2, 3, 4, 5]
# expect: [{1, :a}, {2, :b}]
# expect: [3, 6, 9]
# expect: [nil, false]
# expect: 5050
# expect: 9
# expect: {Enum.EmptyError, "empty error"}
# expect: 10
# expect: {55, 22, 30, 3.5}
# expect: {24, 1}
# expect: {3, 5, 1, 2}
# expect: {1, 3, {3, 9}}
# expect: {"ccc", {0, :b}}
# expect: :empty
# expect: {Enum.EmptyError, "empty error"}
# expect: {Enum.EmptyError, "empty error"}
# expect: [1, 2, 3]
# expect: [3, 2, 1]
# expect: [{0, :c}, {1, :b}, {1, :a}]
# expect: ["a", "bb", "dd", "ccc"]
# expect: ["ccc", "bb", "dd", "a"]
# expect: %{"a" => ["ant", "ape"], "b" => ["bee", "bat"], "c" => ["cat"]}
# expect: %{0 => [20, 40], 1 => [10, 30]}
# expect: %{"a" => 3, "b" => 2, "c" => 1}
# expect: %{0 => 2, 1 => 3}
# expect: {[1, 2, 3], [{1, :a}, {2, :b}]}
# expect: {[1, 2, 1], [5, 1, 9]}
# expect: [{1, :a}, {2, :b}]
# expect: [{1, :a, "x"}, {2, :b, "y"}]
# expect: [4, 6]
# expect: {[1, 2], [:a, :b]}
# expect: {[a: 0, b: 1], [a: 1, b: 2]}
# expect: [{0, :a}, {1, :b}]
# expect: {[1, 2], [2, 3], [1, 2, 3]}
# expect: {[3], [1]}
# expect: {[1, 2], [3, 1]}
# expect: {[1, 4, 7, 10], [2, 3, 5, 6, 8, 9]}
# expect: [[1, 2], [3, 4], [5]]
# expect: [[1, 2, 3], [3, 4, 5], [5, 6]]
# expect: [[1, 2, 3], [3, 4, 5]]
# expect: [[1, 2, 3], [4, :pad]]
# expect: [[1, 1], [2], [3, 3]]
# expect: [1, 10, 2, 20]
# expect: {[1, 1, 2, 2], 3}
# expect: {[2, 4, 6], 6}
# expect: {%{a: 1}, [1, 2], %{a: 1, b: 2}}
# expect: %{1 => 1, 2 => 4}
# expect: {"123", "a, b, c", "2-4-6"}
# expect: {2, nil, :none}
# expect: {1, 20}
# expect: {false, true, true, false}
# expect: {true, true, false, true}
# expect: {[3, 2, 1], [3, 2, 1], [2, 1, 3, 4]}
# expect: {{[1], [2, 3]}, {[1, 2], [3]}, {[1], [2, 3]}}
# expect: {[2, 4], [1, 3]}
# expect: {[2, 3, 4], [2, 3, 4], [4, 5]}
# expect: {2, 3, nil, :none}
# expect: {{:ok, 2}, :error, 1}
# expect: {Enum.OutOfBoundsError, "out of bounds error"}
# expect: {[1, 2, 3], [a: 1], [3, 2, 1]}
# expect: {[1, 3, 6, 10], '\v\r'}
# expect: {[1, 0, 2, 0, 3], [1, 2, 3], [1, 2, 3]}
# expect: {true, true, false}
# expect: {5, {"b", "ccc"}}
# expect: {[-1, 2, -3, 4, -5, 6], [2, :s, 4]}
# expect: 1
# expect: 2
# expect: :ok
# expect: {Protocol.UndefinedError,
# expect:  "protocol Enumerable not implemented for 5 of type Integer"}
# expect: [[1, 2], [3, 4], [5, 6], '\a\b', '\t\n']
# expect: [[1, 2], [3]]
