# A program scripts/jit_diff.py generated (seed 101 there): guards, arithmetic
# across the 61-bit small-integer limit, mixed compares, literal matches,
# maps, tuples, closures, bitstrings, tail calls. The lang suite runs it with
# and without the JIT; expected output from Elixir 1.14.
defmodule S do
  defstruct a: 1
end
defimpl String.Chars, for: S do
  def to_string(s), do: "S#{s.a}"
end
defmodule M do
  def add2(a, b), do: a + b
  def sub2(a, b), do: a - b
  def drain(acc) do
    receive do
      m -> drain([m | acc])
    after
      0 -> acc
    end
  end
  def ar1(x, y) when x != y, do: x
  def ar1(x, y) when x === 4611686018427387904, do: (((x * x) + (x - -576460752303423488)) - min(max(y, -27), min(x, y)))
  def ar1(x, y) when x === -1.0, do: (min((y * x), (y - y)) - 14836138060846045909)
  def ar1(x, y), do: {:other, x, y}
  def cmp2(x, y), do: {x == [6], x === [6], x < [6], x >= [6], x != [6], x !== [6], x > [6], x <= [6], x == y, x === y, x < y, x >= y, x != y, x !== y, x > y, x <= y}
  def br3(x) do
    cond do
      x <= 576460752303423488 -> 45
      x < -1152921504606846974 -> 83
      x != 35 -> 94
      x == %{a: %{a: "a"}, b: 30617351001161526374} -> 16
      true -> :none
    end
  end
  def mt4(v0) do
    case v0 do
      <<c, _::binary>> -> {0}
      %{k: v} -> {1, v}
      :ok -> {2}
      _ -> :nomatch
    end
  end
  def fh5(<<c, _::binary>>, n), do: n + 0
  def fh5(%{k: v}, n), do: n + 1
  def fh5(:ok, n), do: n + 2
  def fh5(_, n), do: n - 1
  def bs6(0, x, acc), do: Enum.reverse(acc)
  def bs6(n, x, acc), do: bs6(n - 1, x + -144115188075855872, [x | acc])
  def mul7(x, 0), do: x
  def mul7(x, n), do: mul7(x * x, n - 1)
  def cl8(k) do
    j = k * 2
    fn x -> (((0 - 9223372036854775808) + -17) + (x + x)) end
  end
  def ap9(f, x), do: f.(x)
  def ap9(f, x, y), do: f.(x, y)
  def mp10(%{b: v} = m, x) do
    m2 = %{m | b: v + x}
    m3 = Map.put(m2, :k, x)
    {m2.b, Map.get(m3, :k), Map.get(m3, :nope, :dflt), map_size(m3), m3}
  end
  def mp10(m, x), do: {:nomap, m, x}
  def pin11(k, m) do
    case m do
      %{^k => v} -> {:found, v}
      %{} -> :missing
      _ -> :notmap
    end
  end
  def mb12(0, m), do: m
  def mb12(n, m), do: mb12(n - 1, Map.update(m, rem(n, 7), 1, &(&1 + n)))
  def tp13({a0, a1, a2, a3}, l) do
    t = {a3, a2, a1, a0}
    [a0, a1, a2, a3 | l] ++ [tuple_size(t), elem(t, 3)]
  end
  def tp13(x, l), do: [x | l]
  def ls14([a, b | rest]), do: {a, b, ls14(rest)}
  def ls14([a]), do: {a}
  def ls14([]), do: nil
  def bo15(x, y) do
    {x and y, x or y, not x, !x, x && y, x || y, !!y}
  end
  def bo16(x), do: (try do {!x, x && 1, x || 2, not x} rescue e -> {:err, e.__struct__} end)
  def bi17(<<>>, acc), do: Enum.reverse(acc)
  def bi17(<<c::utf8, rest::binary>>, acc) when c > 127, do: bi17(rest, [{:u, c} | acc])
  def bi17(<<"ab", rest::binary>>, acc), do: bi17(rest, [:ab | acc])
  def bi17(<<x::16, rest::bitstring>>, acc), do: bi17(rest, [x | acc])
  def bi17(other, acc), do: Enum.reverse([{:rest, other} | acc])
  def bb18(x, y) do
    b = <<x::24, y::16-signed, "z", x::little-32>>
    <<p::24, q::16-signed, _::binary>> = b
    {b, byte_size(b), bit_size(b), p, q, "pre" <> b}
  end
  def bs19("<" <> rest), do: {:lt, rest}
  def bs19(<<a, b>>), do: {:two, a + b}
  def bs19(s) when is_binary(s), do: {:other, byte_size(s)}
  def bs19(x), do: {:nb, x}
  def ne20(x, y), do: (x + (x + x))
  def ne20_n(x, y), do: [ne20(x, y), {ne20(y, x), M.ne20(x + 1, ne20(y, 2))}, ne20(ne20(x, x), ne20(y, y)) - 1]
  def ta21(n, x, y) when n > 0 do
    s = x + y
    t = s * -26
    u = {s, t}
    tb22(n - 1, rem(elem(u, 1), 1000003))
  end
  def ta21(_, x, y), do: {:a, x, y}
  def tb22(n, c) do
    z = c - 1
    case rem(n, 4) do
      0 -> ta21(n, z, n)
      1 -> tc23(n, [z, n])
      2 -> M.ta21(n, c, 1)
      _ -> (fn q -> tb22(n - 1, q) end).(z)
    end
  end
  def tc23(n, [h | _]), do: tb22(n - 1, h)
  def td24(x) when is_tuple(x), do: elem(x, 0)
  def td24(x) when is_list(x), do: :erlang.length(x)
  def td24(x) when is_map(x), do: Map.get(x, :a, :none)
  def td24(x), do: abs(x)
end
IO.inspect(for {x, y} <- [{2305843009213693952, (0 - 9223372036854775808)}, {1152921504606846974, -32}, {-4294967296, -4}, {-24, 100.0}, {1152921504606846977, -2147483647}], do: (try do M.ar1(x, y) rescue e -> {:err, e.__struct__} end))
IO.inspect(for x <- [{"b", {:a, 1.0}}, 1.0, 48, "b", :a, -35, [6]], y <- [-35, {"b", {:a, 1.0}}, :a], do: M.cmp2(x, y))
IO.inspect(Enum.map([{"b", {:a, 1.0}}, 1.0, 48, "b", :a, -35, [6]], &M.br3/1))
IO.inspect(Enum.map([(0 - 13129934839021631093), -2, 4429930540267517827, :error], &M.mt4/1))
IO.inspect(for v <- [(0 - 13129934839021631093), -2, 4429930540267517827, :error], do: M.fh5(v, -25))
IO.inspect(M.bs6(18, -1152921504606846971, []))
IO.inspect(M.mul7(1073741824, 4))
IO.inspect(Enum.map([0, 0, 43], M.cl8(3520756881668893777)))
IO.inspect(Enum.reduce([0, 0, 43], 4294967296, fn x, acc -> min((x * acc), (7 * acc)) end))
IO.inspect(Enum.filter([0, 0, 43], &(&1 != -33)))
IO.inspect(M.ap9(&M.sub2/2, (0 - 4186734771933890680), 45))
IO.inspect(M.ap9(&(&1 * -7), 19))
IO.inspect(Enum.map([0, 0, 43], &M.add2(&1, 2147483647)) |> Enum.sort())
IO.inspect([0, 0, 43] |> Enum.map(&abs/1) |> Enum.max())
IO.inspect(try do M.ap9(:notfun, 1) rescue e -> {:err, e.__struct__} end)
IO.inspect(for m <- [%{b: 21}, %{b: 1, k: 2}, %{}, [{-7}, 21, {"a"}], %{b: 2, q: 1}], do: (try do M.mp10(m, -35) rescue e -> {:err, e.__struct__} end))
IO.inspect(for k <- [:a, 2, 2.0, "s", {1, 2}, :b, -1.0], do: M.pin11(k, %{:a => 1, 2 => :two, "s" => [1], {1, 2} => 3.0, -11 => :lit}))
IO.inspect(M.pin11(:a, [1]))
IO.inspect(M.mb12(82, %{}))
IO.inspect(try do %{:a => 1, 2 => :two, "s" => [1], {1, 2} => 3.0, -11 => :lit}.nokey rescue e -> {:err, e.__struct__} end)
IO.inspect(for v <- [{:a, 576460752303423488, -576460752303423488, %{k: 4611686018427387904}}, {%{b: (0 - 3862240759688714199), c: {-7}}, [(0 - 34581548942329401711)], 0, %{}}, {45, true, "b", 7119831195921300885}, 1], do: M.tp13(v, [[{1152921504606846975}, %{c: 2147483648}, :a]]))
IO.inspect(M.ls14([:b, true, 1.0, 1152921504606846974, 100]))
IO.inspect(try do M.ls14(:x) rescue e -> {:err, e.__struct__} end)
IO.inspect(for x <- [true, false], y <- [true, false, nil, 1], do: M.bo15(x, y))
IO.inspect(Enum.map([true, false, nil, 1, :a, [], 0], &M.bo16/1))
IO.inspect(for b <- [<<1, 2, 3, 255, 0>>, String.duplicate("ab", 5), <<24::64>>, "é€x"], do: M.bi17(b, []))
IO.inspect(for {x, y} <- [{1000, 26}, {(0 - 4611686018427387904), 1152921504606846974}, {(0 - 1152921504606846977), -20}, {50, (0 - 1152921504606846977)}], do: (try do M.bb18(x, y) rescue e -> {:err, e.__struct__} end))
IO.inspect(Enum.map(["<x", "ab", "<", "abc", :a, <<1::1>>, "é"], &M.bs19/1))
IO.inspect(for x <- [(0 - 4611686018427387904), -7, 48], y <- [255, -256], do: (try do M.ne20_n(x, y) rescue e -> {:err, e.__struct__} end))
IO.inspect(M.ta21(100000, -256, 256))
IO.inspect(for v <- [-15, -6, 1.0, :ok, :a, %{b: 1.152921504606847e18}], do: (try do M.td24(v) rescue e -> {:err, e.__struct__} end))
# expect: [2305843009213693952, 1152921504606846974, -4294967296, -24,
# expect:  1152921504606846977]
# expect: [
# expect:   {false, false, true, false, true, true, false, true, false, false, false,
# expect:    true, true, true, true, false},
# expect:   {false, false, true, false, true, true, false, true, true, true, false, true,
# expect:    false, false, false, true},
# expect:   {false, false, true, false, true, true, false, true, false, false, false,
# expect:    true, true, true, true, false},
# expect:   {false, false, true, false, true, true, false, true, false, false, false,
# expect:    true, true, true, true, false},
# expect:   {false, false, true, false, true, true, false, true, false, false, true,
# expect:    false, true, true, false, true},
# expect:   {false, false, true, false, true, true, false, true, false, false, true,
# expect:    false, true, true, false, true},
# expect:   {false, false, true, false, true, true, false, true, false, false, false,
# expect:    true, true, true, true, false},
# expect:   {false, false, true, false, true, true, false, true, false, false, true,
# expect:    false, true, true, false, true},
# expect:   {false, false, true, false, true, true, false, true, false, false, true,
# expect:    false, true, true, false, true},
# expect:   {false, false, false, true, true, true, true, false, false, false, false,
# expect:    true, true, true, true, false},
# expect:   {false, false, false, true, true, true, true, false, false, false, false,
# expect:    true, true, true, true, false},
# expect:   {false, false, false, true, true, true, true, false, false, false, false,
# expect:    true, true, true, true, false},
# expect:   {false, false, true, false, true, true, false, true, false, false, false,
# expect:    true, true, true, true, false},
# expect:   {false, false, true, false, true, true, false, true, false, false, true,
# expect:    false, true, true, false, true},
# expect:   {false, false, true, false, true, true, false, true, true, true, false, true,
# expect:    false, false, false, true},
# expect:   {false, false, true, false, true, true, false, true, true, true, false, true,
# expect:    false, false, false, true},
# expect:   {false, false, true, false, true, true, false, true, false, false, true,
# expect:    false, true, true, false, true},
# expect:   {false, false, true, false, true, true, false, true, false, false, true,
# expect:    false, true, true, false, true},
# expect:   {true, true, false, true, false, false, false, true, false, false, false,
# expect:    true, true, true, true, false},
# expect:   {true, true, false, true, false, false, false, true, false, false, false,
# expect:    true, true, true, true, false},
# expect:   {true, true, false, true, false, false, false, true, false, false, false,
# expect:    true, true, true, true, false}
# expect: ]
# expect: '^--^^-^'
# expect: [:nomatch, :nomatch, :nomatch, :nomatch]
# expect: [-26, -26, -26, -26]
# expect: [-1152921504606846971, -1297036692682702843, -1441151880758558715,
# expect:  -1585267068834414587, -1729382256910270459, -1873497444986126331,
# expect:  -2017612633061982203, -2161727821137838075, -2305843009213693947,
# expect:  -2449958197289549819, -2594073385365405691, -2738188573441261563,
# expect:  -2882303761517117435, -3026418949592973307, -3170534137668829179,
# expect:  -3314649325744685051, -3458764513820540923, -3602879701896396795]
# expect: 3121748550315992231381597229793166305748598142664971150859156959625371738819765620120306103063491971159826931121406622895447975679288285306290176
# expect: [-9223372036854775825, -9223372036854775825, -9223372036854775739]
# expect: 0
# expect: [0, 0, 43]
# expect: -4186734771933890725
# expect: -133
# expect: [2147483647, 2147483647, 2147483690]
# expect: 43
# expect: {:err, BadFunctionError}
# expect: [
# expect:   {-14, -35, :dflt, 2, %{b: -14, k: -35}},
# expect:   {-34, -35, :dflt, 2, %{b: -34, k: -35}},
# expect:   {:nomap, %{}, -35},
# expect:   {:nomap, [{-7}, 21, {"a"}], -35},
# expect:   {-33, -35, :dflt, 3, %{b: -33, k: -35, q: 1}}
# expect: ]
# expect: [
# expect:   {:found, 1},
# expect:   {:found, :two},
# expect:   :missing,
# expect:   {:found, [1]},
# expect:   {:found, 3.0},
# expect:   :missing,
# expect:   :missing
# expect: ]
# expect: :notmap
# expect: %{0 => 386, 1 => 397, 2 => 408, 3 => 419, 4 => 430, 5 => 441, 6 => 376}
# expect: {:err, KeyError}
# expect: [
# expect:   [
# expect:     :a,
# expect:     576460752303423488,
# expect:     -576460752303423488,
# expect:     %{k: 4611686018427387904},
# expect:     [{1152921504606846975}, %{c: 2147483648}, :a],
# expect:     4,
# expect:     :a
# expect:   ],
# expect:   [
# expect:     %{b: -3862240759688714199, c: {-7}},
# expect:     [-34581548942329401711],
# expect:     0,
# expect:     %{},
# expect:     [{1152921504606846975}, %{c: 2147483648}, :a],
# expect:     4,
# expect:     %{b: -3862240759688714199, c: {-7}}
# expect:   ],
# expect:   [
# expect:     45,
# expect:     true,
# expect:     "b",
# expect:     7119831195921300885,
# expect:     [{1152921504606846975}, %{c: 2147483648}, :a],
# expect:     4,
# expect:     45
# expect:   ],
# expect:   [1, [{1152921504606846975}, %{c: 2147483648}, :a]]
# expect: ]
# expect: {:b, true, {1.0, 1152921504606846974, {100}}}
# expect: {:err, FunctionClauseError}
# expect: [
# expect:   {true, true, false, false, true, true, true},
# expect:   {false, true, false, false, false, true, false},
# expect:   {nil, true, false, false, nil, true, false},
# expect:   {1, true, false, false, 1, true, true},
# expect:   {false, true, true, true, false, true, true},
# expect:   {false, false, true, true, false, false, false},
# expect:   {false, nil, true, true, false, nil, false},
# expect:   {false, 1, true, true, false, 1, true}
# expect: ]
# expect: [
# expect:   {false, 1, true, false},
# expect:   {true, false, 2, true},
# expect:   {:err, ArgumentError},
# expect:   {:err, ArgumentError},
# expect:   {:err, ArgumentError},
# expect:   {:err, ArgumentError},
# expect:   {:err, ArgumentError}
# expect: ]
# expect: [
# expect:   [258, 1023, {:rest, <<0>>}],
# expect:   [:ab, :ab, :ab, :ab, :ab],
# expect:   [0, 0, 0, 24],
# expect:   [u: 233, u: 8364, rest: "x"]
# expect: ]
# expect: [
# expect:   {<<0, 3, 232, 0, 26, 122, 232, 3, 0, 0>>, 10, 80, 1000, 26,
# expect:    <<112, 114, 101, 0, 3, 232, 0, 26, 122, 232, 3, 0, 0>>},
# expect:   {<<0, 0, 0, 255, 254, 122, 0, 0, 0, 0>>, 10, 80, 0, -2,
# expect:    <<112, 114, 101, 0, 0, 0, 255, 254, 122, 0, 0, 0, 0>>},
# expect:   {<<255, 255, 255, 255, 236, 122, 255, 255, 255, 255>>, 10, 80, 16777215, -20,
# expect:    <<112, 114, 101, 255, 255, 255, 255, 236, 122, 255, 255, 255, 255>>},
# expect:   {<<0, 0, 50, 255, 255, 122, 50, 0, 0, 0>>, 10, 80, 50, -1,
# expect:    <<112, 114, 101, 0, 0, 50, 255, 255, 122, 50, 0, 0, 0>>}
# expect: ]
# expect: [lt: "x", two: 195, lt: "", other: 3, nb: :a, nb: <<1::size(1)>>, two: 364]
# expect: [
# expect:   [-13835058055282163712, {765, -13835058055282163709}, -41505174165846491137],
# expect:   [-13835058055282163712, {-768, -13835058055282163709}, -41505174165846491137],
# expect:   [-21, {765, -18}, -64],
# expect:   [-21, {-768, -18}, -64],
# expect:   [144, {765, 147}, 431],
# expect:   [144, {-768, 147}, 431]
# expect: ]
# expect: {:a, 20660, 0}
# expect: [15, 6, 1.0, {:err, ArgumentError}, {:err, ArgumentError}, :none]
