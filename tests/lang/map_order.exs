# Maps of more than 32 keys list their keys in OTP 25's hash-trie order
# (not term order), and Enum.reduce/for/:maps.fold walk them in the
# reverse of :maps.to_list order, as on the BEAM. Atom keys are left out:
# the BEAM orders them by its own atom table index.
import Bitwise
m = Map.new(1..40, &{&1, &1 * 2})
IO.inspect(Map.keys(m), limit: :infinity, width: 200)
IO.inspect(Map.values(m) |> Enum.take(5))
IO.inspect(Enum.take(m, 3))
IO.inspect(Enum.map(m, fn {k, _} -> k end), limit: :infinity, width: 200)
IO.inspect(for({k, _} <- m, do: k) |> Enum.take(5))
IO.inspect(:maps.fold(fn k, _, a -> [k | a] end, [], m) |> Enum.take(5))
IO.inspect(Enum.filter(m, fn {k, _} -> rem(k, 2) == 0 end) |> Enum.take(4))
IO.inspect(Enum.into(m, []) |> Enum.take(3))
IO.inspect(Map.new(1..33, &{"k#{&1}", &1}) |> Map.keys, limit: :infinity, width: 200)
IO.inspect(Map.new(1..33, &{{&1, "t"}, 0}) |> Map.keys |> Enum.take(6))
IO.inspect(Map.new(1..33, &{&1 / 4, 0}) |> Map.keys |> Enum.take(6))
IO.inspect(Map.new(1..33, &{'c#{&1}', 0}) |> Map.keys |> Enum.take(6))
IO.inspect(Map.new(1..33, &{(1 <<< 70) * &1, 0}) |> Map.keys |> Enum.take(4))
IO.inspect(Map.new(1..33, &{-&1, 0}) |> Map.keys |> Enum.take(6))
IO.inspect(Map.new(1..33, &{<<&1::size(11)>>, 0}) |> Map.keys |> Enum.take(4))
big = Map.new(1..1000, &{&1, 0})
IO.inspect(big |> Map.delete(912) |> Map.keys |> Enum.take(6))
IO.inspect(Map.drop(big, Enum.to_list(40..1000)) |> Map.keys |> Enum.take(6))
IO.inspect(Map.drop(big, Enum.to_list(33..1000)) |> Map.keys |> Enum.take(6))
IO.inspect(Map.new(1..33, &{&1, 0}), limit: 5)
# Integer keys order before float keys whatever their values, nested too.
IO.inspect(%{2.0 => 1, 1 => 2, -5 => 3, 1.5 => 4, -10.5 => 5, 100 => 6} |> Map.keys)
IO.inspect(%{{1.5} => 1, {2} => 2, {-1.0e9} => 3} |> Map.keys)
IO.inspect(%{2 => :a} < %{1.0 => :a})
# expect: [33, 12, 23, 29, 30, 39, 26, 31, 11, 37, 9, 32, 34, 25, 28, 6, 38, 13, 40, 20, 15, 14, 2, 7, 1, 8, 3, 17, 22, 21, 4, 36, 24, 10, 35, 27, 19, 5, 18, 16]
# expect: [66, 24, 46, 58, 60]
# expect: [{33, 66}, {12, 24}, {23, 46}]
# expect: [16, 18, 5, 19, 27, 35, 10, 24, 36, 4, 21, 22, 17, 3, 8, 1, 7, 2, 14, 15, 20, 40, 13, 38, 6, 28, 25, 34, 32, 9, 37, 11, 31, 26, 39, 30, 29, 23, 12, 33]
# expect: [16, 18, 5, 19, 27]
# expect: [33, 12, 23, 29, 30]
# expect: [{16, 32}, {18, 36}, {10, 20}, {24, 48}]
# expect: [{33, 66}, {12, 24}, {23, 46}]
# expect: ["k24", "k16", "k28", "k33", "k11", "k20", "k22", "k7", "k17", "k4", "k6", "k5", "k13", "k8", "k32", "k14", "k27", "k29", "k18", "k21", "k10", "k30", "k23", "k12", "k19", "k2", "k3", "k1", "k25",
# expect:  "k31", "k15", "k9", "k26"]
# expect: [{24, "t"}, {21, "t"}, {14, "t"}, {20, "t"}, {32, "t"}, {19, "t"}]
# expect: [1.25, 7.75, 5.0, 7.25, 6.5, 8.25]
# expect: ['c19', 'c22', 'c28', 'c6', 'c4', 'c11']
# expect: [18889465931478580854784, 3541774862152233910272, 12986507827891524337664,
# expect:  11805916207174113034240]
# expect: [-33, -10, -26, -27, -13, -15]
# expect: [<<1, 2::size(3)>>, <<0, 3::size(3)>>, <<2, 2::size(3)>>, <<0, 1::size(3)>>]
# expect: [326, 33, 289, 518, 990, 456]
# expect: [33, 12, 23, 29, 30, 39]
# expect: [1, 2, 3, 4, 5, 6]
# expect: %{33 => 0, 12 => 0, 23 => 0, 29 => 0, 30 => 0, ...}
# expect: [-5, 1, 100, -10.5, 1.5, 2.0]
# expect: [{2}, {-1000000000.0}, {1.5}]
# expect: true
