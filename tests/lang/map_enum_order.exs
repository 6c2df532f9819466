# Enum, Map and for over a map of more than 32 keys visit it in Elixir 1.14's
# order on OTP 25: fold order where Elixir reduces, to_list order elsewhere.
m = Map.new(1..40, &{&1, &1})
ks = fn l -> Enum.map(Enum.take(l, 3), fn {a, _} -> a; a -> a end) end
t = fn name, v -> IO.puts("#{name} #{inspect(v, limit: 6)}") end
t.("frequencies", Enum.frequencies(m) |> Map.keys |> ks.())
t.("group_by", Enum.group_by(m, fn {k, _} -> rem(k, 2) end) |> Map.get(0) |> ks.())
t.("chunk_every", Enum.chunk_every(m, 2) |> hd |> ks.())
t.("chunk_while", Enum.chunk_while(m, [], fn x, a -> {:cont, [x | a]} end, fn a -> {:cont, Enum.reverse(a), []} end) |> hd |> ks.())
t.("take_every", Enum.take_every(m, 1) |> ks.())
t.("drop_every", Enum.drop_every(m, 2) |> ks.())
t.("map_intersperse", Enum.map_intersperse(m, :x, & &1) |> ks.())
t.("flat_map_reduce", Enum.flat_map_reduce(m, 0, fn x, a -> {[x], a} end) |> elem(0) |> ks.())
t.("reverse2", Enum.reverse(m, []) |> ks.())
t.("reverse_slice", Enum.reverse_slice(m, 0, 0) |> ks.())
t.("slide", Enum.slide(m, 0, 1) |> ks.())
t.("random_take?", Enum.take(m, 2) |> ks.())
t.("unzip", Enum.unzip(m) |> elem(0) |> ks.())
t.("zip_reduce", Enum.zip_reduce(m, m, [], fn a, _, acc -> [a | acc] end) |> Enum.reverse |> ks.())
t.("max", [Enum.max(m)])
t.("min", [Enum.min(m)])
t.("min_max", Enum.min_max(m) |> Tuple.to_list)
t.("sum", Enum.sum(Enum.map(m, fn {k, _} -> k / 3 end)))
t.("empty?", Enum.empty?(m))
t.("member?", Enum.member?(m, {1, 1}))
t.("Map.filter", Map.filter(m, fn _ -> true end) |> Map.keys |> ks.())
t.("Map.split", Map.split(m, [1, 2]) |> elem(1) |> Map.keys |> ks.())
t.("Map.merge", Map.merge(m, %{41 => 1}) |> Map.keys |> ks.())
t.("Map.update", Map.update!(m, 1, & &1) |> Map.keys |> ks.())
t.("keyword?", Keyword.keyword?(Map.to_list(m)))
t.("List.keysort", List.keysort(Map.to_list(m), 1) |> ks.())
t.("Stream.each", Stream.map(m, & &1) |> Enum.take(3) |> ks.())
t.("Enum.zip", Enum.zip(m, 1..3) |> ks.())
t.("MapSet.union", MapSet.union(MapSet.new(1..20), MapSet.new(15..40)) |> MapSet.to_list |> ks.())
t.("for filter", (for {k, _} <- m, rem(k, 2) == 0, do: k) |> ks.())
t.("for reduce", (for {k, _} <- m, reduce: [] do acc -> [k | acc] end) |> Enum.reverse |> ks.())
t.("for uniq", (for {k, _} <- m, uniq: true, do: k) |> ks.())
t.("for into map", (for {k, v} <- m, into: %{}, do: {v, k}) |> Map.keys |> ks.())
t.("for nested", (for {k, _} <- m, {j, _} <- %{1 => 1}, do: k + j) |> ks.())
t.("Enum.into map", Enum.into(m, %{}) |> Map.keys |> ks.())
t.("Map.from_struct?", Map.keys(Map.put(m, :__struct__, X)) |> ks.())
t.("Map.to_list", Map.to_list(Map.delete(m, 5)) |> ks.())
t.("take_every2", Enum.take_every(m, 2) |> ks.())
t.("drop_every0", Enum.drop_every(m, 0) |> ks.())
t.("drop_every3", Enum.drop_every(m, 3) |> ks.())
t.("slide_neg", Enum.slide(m, -1, 0) |> ks.())
t.("slide_same", Enum.slide(m, 2, 2) |> ks.())
t.("slide_back", Enum.slide(m, 5, 1) |> ks.())
t.("split_neg", Enum.split(m, -3) |> elem(1) |> ks.())
t.("split_while", Enum.split_while(m, fn _ -> true end) |> elem(0) |> ks.())
t.("take_neg", Enum.take(m, -3) |> ks.())
t.("drop_neg", Enum.drop(m, -37) |> ks.())
t.("at_neg", [Enum.at(m, -1)])
t.("fetch", [Enum.fetch!(m, 1)])
t.("slice_neg", Enum.slice(m, -3, 2) |> ks.())
t.("slice_range", Enum.slice(m, 1..3) |> ks.())
t.("concat", Enum.concat(m, [1]) |> ks.())
t.("concat1", Enum.concat([m]) |> ks.())
t.("each_map_every", Enum.map_every(m, 2, & &1) |> ks.())
t.("count_until", Enum.count_until(m, 3))
t.("sort_desc", Enum.sort(m, :desc) |> ks.())
t.("sort_by_desc", Enum.sort_by(m, fn _ -> 1 end, :desc) |> ks.())
t.("uniq", Enum.uniq(m) |> ks.())
t.("join", Enum.join(Enum.map(m, fn {k, _} -> k end) |> Enum.take(3), ","))
t.("random", Enum.random(%{1 => 1}))
t.("product", Enum.product(Enum.map(m, fn {k, _} -> k / 7 end)))
# expect: frequencies [23, 37, 28]
# expect: group_by [16, 18, 10]
# expect: chunk_every '!\f'
# expect: chunk_while [33, 12, 23]
# expect: take_every [33, 12, 23]
# expect: drop_every [18, 19, 35]
# expect: map_intersperse [16, :x, 18]
# expect: flat_map_reduce [33, 12, 23]
# expect: reverse2 [33, 12, 23]
# expect: reverse_slice [16, 18, 5]
# expect: slide [18, 16, 5]
# expect: random_take? '!\f'
# expect: unzip [16, 18, 5]
# expect: zip_reduce [33, 12, 23]
# expect: max [{40, 40}]
# expect: min [{1, 1}]
# expect: min_max [{1, 1}, {40, 40}]
# expect: sum 273.33333333333337
# expect: empty? false
# expect: member? true
# expect: Map.filter [33, 12, 23]
# expect: Map.split [33, 12, 23]
# expect: Map.merge [33, 12, 23]
# expect: Map.update [33, 12, 23]
# expect: keyword? false
# expect: List.keysort [1, 2, 3]
# expect: Stream.each [33, 12, 23]
# expect: Enum.zip [{33, 33}, {12, 12}, {23, 23}]
# expect: MapSet.union [33, 12, 23]
# expect: for filter [16, 18, 10]
# expect: for reduce [16, 18, 5]
# expect: for uniq [16, 18, 5]
# expect: for into map [33, 12, 23]
# expect: for nested [17, 19, 6]
# expect: Enum.into map [33, 12, 23]
# expect: Map.from_struct? [33, 12, 23]
# expect: Map.to_list [33, 12, 23]
# expect: take_every2 [16, 5, 27]
# expect: drop_every0 [33, 12, 23]
# expect: drop_every3 [18, 5, 27]
# expect: slide_neg [33, 16, 18]
# expect: slide_same [33, 12, 23]
# expect: slide_back [16, 35, 18]
# expect: split_neg [23, 12, 33]
# expect: split_while [16, 18, 5]
# expect: take_neg [5, 18, 16]
# expect: drop_neg [33, 12, 23]
# expect: at_neg [{16, 16}]
# expect: fetch [{12, 12}]
# expect: slice_neg [5, 18]
# expect: slice_range [12, 23, 29]
# expect: concat [16, 18, 5]
# expect: concat1 [16, 18, 5]
# expect: each_map_every [16, 18, 5]
# expect: count_until 3
# expect: sort_desc '(\'&'
# expect: sort_by_desc [16, 18, 5]
# expect: uniq [16, 18, 5]
# expect: join "16,18,5"
# expect: random {1, 1}
# expect: product 128151433212783.42
