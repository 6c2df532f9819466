# Map, Keyword and MapSet: results and KeyError texts as Elixir 1.14.
# (MapSets are printed through to_list: their inspect printer is C's.)
defmodule T do
  def err(f) do
    try do
      f.()
    rescue
      e -> {e.__struct__, Exception.message(e)}
    end
  end
end

m = %{a: 1, b: 2}
IO.inspect({Map.get(m, :a), Map.get(m, :z), Map.get(m, :z, 0), Map.fetch(m, :a), Map.fetch(m, :z)})
IO.inspect({Map.fetch!(m, :b), Map.has_key?(m, :a), Map.keys(m), Map.values(m), Map.to_list(m)})
IO.inspect(T.err(fn -> Map.fetch!(m, :z) end))
IO.inspect({Map.put(m, :c, 3), Map.delete(m, :a), Map.merge(m, %{b: 20, c: 30})})
IO.inspect(Map.merge(m, %{b: 20, c: 30}, fn _k, v1, v2 -> v1 + v2 end))
IO.inspect({Map.put_new(m, :a, 9), Map.put_new(m, :c, 9), Map.put_new_lazy(m, :c, fn -> 7 end)})
IO.inspect({Map.update(m, :a, 0, &(&1 + 1)), Map.update(m, :z, 0, &(&1 + 1)), Map.update!(m, :b, &(&1 * 10))})
IO.inspect(T.err(fn -> Map.update!(m, :z, & &1) end))
IO.inspect({Map.replace(m, :a, 5), Map.replace(m, :z, 5), Map.get_lazy(m, :z, fn -> :lazy end)})
IO.inspect({Map.pop(m, :a), Map.pop(m, :z), Map.pop(m, :z, :d), Map.pop_lazy(m, :z, fn -> :l end)})
IO.inspect({Map.take(m, [:a, :z]), Map.drop(m, [:a]), Map.split(m, [:a])})
IO.inspect({Map.filter(m, fn {_k, v} -> v > 1 end), Map.reject(m, fn {_k, v} -> v > 1 end)})
IO.inspect({Map.new(), Map.new([{:x, 1}, {:y, 2}]), Map.new([1, 2], &{&1, &1 * 2})})
IO.inspect(Map.get_and_update(m, :a, fn v -> {v, v * 100} end))
IO.inspect(Map.get_and_update(m, :a, fn _ -> :pop end))
IO.inspect(T.err(fn -> Map.replace!(m, :z, 1) end))
IO.inspect(T.err(fn -> Map.pop!(m, :z) end))

kw = [a: 1, b: 2, a: 3]
IO.inspect({Keyword.get(kw, :a), Keyword.get(kw, :z, 0), Keyword.fetch(kw, :b), Keyword.get_values(kw, :a)})
IO.inspect({Keyword.keys(kw), Keyword.values(kw), Keyword.has_key?(kw, :b), Keyword.keyword?(kw), Keyword.keyword?([1])})
IO.inspect({Keyword.put(kw, :a, 0), Keyword.delete(kw, :a), Keyword.delete_first(kw, :a)})
IO.inspect({Keyword.merge([a: 1, b: 2], [b: 3, c: 4]), Keyword.merge([a: 1, b: 2], [b: 3], fn _k, x, y -> x + y end)})
IO.inspect({Keyword.take(kw, [:a]), Keyword.drop(kw, [:a]), Keyword.split(kw, [:b])})
IO.inspect({Keyword.pop(kw, :a), Keyword.pop_first(kw, :a), Keyword.pop(kw, :z, 0)})
IO.inspect({Keyword.update(kw, :a, 0, &(&1 * 10)), Keyword.update([b: 1], :a, 0, &(&1 * 10))})
IO.inspect({Keyword.new([b: 1, a: 2, b: 3]), Keyword.new([{:x, 1}], fn {k, v} -> {k, v + 1} end)})
IO.inspect({Keyword.put_new([a: 1], :a, 2), Keyword.put_new([a: 1], :b, 2), Keyword.replace([a: 1, a: 2], :a, 3)})
IO.inspect(T.err(fn -> Keyword.fetch!([a: 1], :b) end))
IO.inspect(T.err(fn -> Keyword.update!([a: 1], :b, & &1) end))

s = MapSet.new([3, 1, 2, 3])
IO.inspect({MapSet.size(s), MapSet.member?(s, 2), MapSet.to_list(s), Enum.to_list(s)})
IO.inspect(MapSet.to_list(MapSet.put(s, 0)))
IO.inspect(MapSet.to_list(MapSet.delete(s, 1)))
IO.inspect(MapSet.to_list(MapSet.union(s, MapSet.new([9]))))
IO.inspect(MapSet.to_list(MapSet.intersection(s, MapSet.new([2, 3, 4]))))
IO.inspect(MapSet.to_list(MapSet.difference(s, MapSet.new([2]))))
IO.inspect({MapSet.subset?(MapSet.new([1]), s), MapSet.disjoint?(s, MapSet.new([7])), MapSet.equal?(s, MapSet.new([1, 2, 3]))})
IO.inspect(MapSet.to_list(MapSet.new([1, 2], &(&1 * 10))))
IO.inspect({Enum.map(s, &(&1 * 2)), Enum.member?(s, 3), Enum.count(s), MapSet.to_list(Enum.into([5, 5], MapSet.new()))})
IO.inspect(MapSet.size(MapSet.new()))

# expect: {1, nil, 0, {:ok, 1}, :error}
# expect: {2, true, [:a, :b], [1, 2], [a: 1, b: 2]}
# expect: {KeyError, "key :z not found in: %{a: 1, b: 2}"}
# expect: {%{a: 1, b: 2, c: 3}, %{b: 2}, %{a: 1, b: 20, c: 30}}
# expect: %{a: 1, b: 22, c: 30}
# expect: {%{a: 1, b: 2}, %{a: 1, b: 2, c: 9}, %{a: 1, b: 2, c: 7}}
# expect: {%{a: 2, b: 2}, %{a: 1, b: 2, z: 0}, %{a: 1, b: 20}}
# expect: {KeyError, "key :z not found in: %{a: 1, b: 2}"}
# expect: {%{a: 5, b: 2}, %{a: 1, b: 2}, :lazy}
# expect: {{1, %{b: 2}}, {nil, %{a: 1, b: 2}}, {:d, %{a: 1, b: 2}}, {:l, %{a: 1, b: 2}}}
# expect: {%{a: 1}, %{b: 2}, {%{a: 1}, %{b: 2}}}
# expect: {%{b: 2}, %{a: 1}}
# expect: {%{}, %{x: 1, y: 2}, %{1 => 2, 2 => 4}}
# expect: {1, %{a: 100, b: 2}}
# expect: {1, %{b: 2}}
# expect: {KeyError, "key :z not found in: %{a: 1, b: 2}"}
# expect: {KeyError, "key :z not found in: %{a: 1, b: 2}"}
# expect: {1, 0, {:ok, 2}, [1, 3]}
# expect: {[:a, :b, :a], [1, 2, 3], true, true, false}
# expect: {[a: 0, b: 2], [b: 2], [b: 2, a: 3]}
# expect: {[a: 1, b: 3, c: 4], [a: 1, b: 5]}
# expect: {[a: 1, a: 3], [b: 2], {[b: 2], [a: 1, a: 3]}}
# expect: {{1, [b: 2]}, {1, [b: 2, a: 3]}, {0, [a: 1, b: 2, a: 3]}}
# expect: {[a: 10, b: 2], [b: 1, a: 0]}
# expect: {[a: 2, b: 3], [x: 2]}
# expect: {[a: 1], [b: 2, a: 1], [a: 3]}
# expect: {KeyError, "key :b not found in: [a: 1]"}
# expect: {KeyError, "key :b not found in: [a: 1]"}
# expect: {3, true, [1, 2, 3], [1, 2, 3]}
# expect: [0, 1, 2, 3]
# expect: [2, 3]
# expect: [1, 2, 3, 9]
# expect: [2, 3]
# expect: [1, 3]
# expect: {true, true, true}
# expect: [10, 20]
# expect: {[2, 4, 6], true, 3, [5]}
# expect: 0
