# A program scripts/jit_diff.py generated (seed 100 there): guards, arithmetic
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
  def ar1(x, y) when x === -3.25, do: 4237313400215538798
  def ar1(x, y), do: {:other, x, y}
  def cmp2(x, y), do: {x == {{true, true}, {:a, 1.0}}, x === {{true, true}, {:a, 1.0}}, x < {{true, true}, {:a, 1.0}}, x >= {{true, true}, {:a, 1.0}}, x != {{true, true}, {:a, 1.0}}, x !== {{true, true}, {:a, 1.0}}, x > {{true, true}, {:a, 1.0}}, x <= {{true, true}, {:a, 1.0}}, x == y, x === y, x < y, x >= y, x != y, x !== y, x > y, x <= y}
  def br3(x) do
    cond do
      x === "hello" -> 69
      x >= -3037000499 -> 6
      x !== 1 -> 20
      x <= 1.0e-3 -> 11
      true -> :none
    end
  end
  def mt4(v0) do
    case v0 do
      [_, _ | _] -> {0}
      {:a, _} -> {1}
      x when is_integer(x) and x > 5 -> {2, x}
      _ -> :nomatch
    end
  end
  def fh5([_, _ | _], n), do: n + 0
  def fh5({:a, _}, n), do: n + 1
  def fh5(_, n), do: n - 1
  def bs6(0, x, acc), do: Enum.reverse(acc)
  def bs6(n, x, acc), do: bs6(n - 1, x + -1, [x | acc])
  def mul7(x, 0), do: x
  def mul7(x, n), do: mul7(x * -3, n - 1)
  def cl8(k) do
    j = k * 2
    fn x -> (Bitwise.band(x, 255) - (-32 - j)) end
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
    [a0, a1, a2, a3 | l] ++ [tuple_size(t), elem(t, 1)]
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
    b = <<x::8, y::16-signed, "z", x::little-32>>
    <<p::8, q::16-signed, _::binary>> = b
    {b, byte_size(b), bit_size(b), p, q, "pre" <> b}
  end
  def bs19("<" <> rest), do: {:lt, rest}
  def bs19(<<a, b>>), do: {:two, a + b}
  def bs19(s) when is_binary(s), do: {:other, byte_size(s)}
  def bs19(x), do: {:nb, x}
  def ne20(x, y), do: Bitwise.band((if 12 > -34, do: 0, else: y), (if 2 === 49, do: x, else: x))
  def ne20_n(x, y), do: [ne20(x, y), {ne20(y, x), M.ne20(x + 1, ne20(y, 2))}, ne20(ne20(x, x), ne20(y, y)) - 1]
  def ta21(n, x, y) when n > 0 do
    s = x + y
    t = s * -1
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
IO.inspect(for {x, y} <- [{(0 - 9223372036854775808), 1}, {-2, 1.0e-3}, {1073741824, -256}, {-4294967296, 2}], do: (try do M.ar1(x, y) rescue e -> {:err, e.__struct__} end))
IO.inspect(for x <- [[{5, 13}, %{a: (0 - 23652346282501336939), b: 6589624619382501218}], :b, :b, {{true, true}, {:a, 1.0}}], y <- [:b, [{5, 13}, %{a: (0 - 23652346282501336939), b: 6589624619382501218}], {{true, true}, {:a, 1.0}}], do: M.cmp2(x, y))
IO.inspect(Enum.map([[{5, 13}, %{a: (0 - 23652346282501336939), b: 6589624619382501218}], :b, :b, {{true, true}, {:a, 1.0}}], &M.br3/1))
IO.inspect(Enum.map([[-1073741824, [], -576460752303423488], [], %{b: 2.5, k: "a"}, %{c: 15725215444839007636, k: [-49]}, {1152921504606846976, "é", nil}], &M.mt4/1))
IO.inspect(for v <- [[-1073741824, [], -576460752303423488], [], %{b: 2.5, k: "a"}, %{c: 15725215444839007636, k: [-49]}, {1152921504606846976, "é", nil}], do: M.fh5(v, 2147483647))
IO.inspect(M.bs6(12, -576460752303423488, []))
IO.inspect(M.mul7(1, 10))
IO.inspect(Enum.map([(0 - 32671355446494626927), (0 - 27548190599474680596)], M.cl8(-44)))
IO.inspect(Enum.reduce([(0 - 32671355446494626927), (0 - 27548190599474680596)], -34, fn x, acc -> div((acc + acc), 38) end))
IO.inspect(Enum.filter([(0 - 32671355446494626927), (0 - 27548190599474680596)], &(&1 > 1.0e18)))
IO.inspect(M.ap9(&M.sub2/2, (0 - 1152921504606846977), -4294967296))
IO.inspect(M.ap9(&(&1 * 7), 32))
IO.inspect(Enum.map([(0 - 32671355446494626927), (0 - 27548190599474680596)], &M.add2(&1, -26)) |> Enum.sort())
IO.inspect([(0 - 32671355446494626927), (0 - 27548190599474680596)] |> Enum.map(&abs/1) |> Enum.max())
IO.inspect(try do M.ap9(&M.add2/2, 1) rescue e -> {:err, e.__struct__} end)
IO.inspect(for m <- [%{b: -1152921504606846976}, %{b: 1, k: 2}, %{}, 0.0, %{b: 256, q: 1}], do: (try do M.mp10(m, 34) rescue e -> {:err, e.__struct__} end))
IO.inspect(for k <- [:a, 2, 2.0, "s", {1, 2}, :b, 7], do: M.pin11(k, %{:a => 1, 2 => :two, "s" => [1], {1, 2} => 3.0, 100.0 => :lit}))
IO.inspect(M.pin11(:a, [1]))
IO.inspect(M.mb12(218, %{}))
IO.inspect(try do %{:a => 1, 2 => :two, "s" => [1], {1, 2} => 3.0, 100.0 => :lit}.nokey rescue e -> {:err, e.__struct__} end)
IO.inspect(for v <- [{2.5, 1073741824, (0 - 16238727382759385634), [:error, :a, true]}, {1369914968172166245, 8, "", true}, {-7, false, "b", []}, :ok], do: M.tp13(v, [7.0]))
IO.inspect(M.ls14([[%{a: "hello", k: -41}], :ok, :error, :a]))
IO.inspect(try do M.ls14([1 | 2]) rescue e -> {:err, e.__struct__} end)
IO.inspect(for x <- [true, false], y <- [true, false, nil, 1], do: M.bo15(x, y))
IO.inspect(Enum.map([true, false, nil, 1, :a, [], 0], &M.bo16/1))
IO.inspect(for b <- [<<30029925926201263050::64>>, "", "é€x", <<-1::64>>], do: M.bi17(b, []))
IO.inspect(for {x, y} <- [{30, (0 - 35301538061444272258)}, {28, 30}, {7, 1}, {0, 2147483648}], do: (try do M.bb18(x, y) rescue e -> {:err, e.__struct__} end))
IO.inspect(Enum.map(["<x", "ab", "<", "abc", :a, <<1::1>>, "é"], &M.bs19/1))
IO.inspect(for x <- [2, 18446744073709551619, 1152921504606846974], y <- [-30, 28], do: (try do M.ne20_n(x, y) rescue e -> {:err, e.__struct__} end))
IO.inspect(M.ta21(5000, 3, 7577328994747545))
IO.inspect(for v <- [1.0, "hello", :zz, 26, :a, 1.152921504606847e18], do: (try do M.td24(v) rescue e -> {:err, e.__struct__} end))
# expect: [
# expect:   {:other, -9223372036854775808, 1},
# expect:   {:other, -2, 0.001},
# expect:   {:other, 1073741824, -256},
# expect:   {:other, -4294967296, 2}
# expect: ]
# expect: [
# expect:   {false, false, false, true, true, true, true, false, false, false, false,
# expect:    true, true, true, true, false},
# expect:   {false, false, false, true, true, true, true, false, true, true, false, true,
# expect:    false, false, false, true},
# expect:   {false, false, false, true, true, true, true, false, false, false, false,
# expect:    true, true, true, true, false},
# expect:   {false, false, true, false, true, true, false, true, true, true, false, true,
# expect:    false, false, false, true},
# expect:   {false, false, true, false, true, true, false, true, false, false, true,
# expect:    false, true, true, false, true},
# expect:   {false, false, true, false, true, true, false, true, false, false, true,
# expect:    false, true, true, false, true},
# expect:   {false, false, true, false, true, true, false, true, true, true, false, true,
# expect:    false, false, false, true},
# expect:   {false, false, true, false, true, true, false, true, false, false, true,
# expect:    false, true, true, false, true},
# expect:   {false, false, true, false, true, true, false, true, false, false, true,
# expect:    false, true, true, false, true},
# expect:   {true, true, false, true, false, false, false, true, false, false, false,
# expect:    true, true, true, true, false},
# expect:   {true, true, false, true, false, false, false, true, false, false, true,
# expect:    false, true, true, false, true},
# expect:   {true, true, false, true, false, false, false, true, true, true, false, true,
# expect:    false, false, false, true}
# expect: ]
# expect: [6, 6, 6, 6]
# expect: [{0}, :nomatch, :nomatch, :nomatch, :nomatch]
# expect: [2147483647, 2147483646, 2147483646, 2147483646, 2147483646]
# expect: [-576460752303423488, -576460752303423489, -576460752303423490,
# expect:  -576460752303423491, -576460752303423492, -576460752303423493,
# expect:  -576460752303423494, -576460752303423495, -576460752303423496,
# expect:  -576460752303423497, -576460752303423498, -576460752303423499]
# expect: 59049
# expect: [89, 180]
# expect: 0
# expect: []
# expect: -1152921500311879681
# expect: 224
# expect: [-32671355446494626953, -27548190599474680622]
# expect: 32671355446494626927
# expect: {:err, BadArityError}
# expect: [
# expect:   {-1152921504606846942, 34, :dflt, 2, %{b: -1152921504606846942, k: 34}},
# expect:   {35, 34, :dflt, 2, %{b: 35, k: 34}},
# expect:   {:nomap, %{}, 34},
# expect:   {:nomap, 0.0, 34},
# expect:   {290, 34, :dflt, 3, %{b: 290, k: 34, q: 1}}
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
# expect: %{0 => 3256, 1 => 3287, 2 => 3106, 3 => 3136, 4 => 3166, 5 => 3196, 6 => 3226}
# expect: {:err, KeyError}
# expect: [
# expect:   [
# expect:     2.5,
# expect:     1073741824,
# expect:     -16238727382759385634,
# expect:     [:error, :a, true],
# expect:     7.0,
# expect:     4,
# expect:     -16238727382759385634
# expect:   ],
# expect:   [1369914968172166245, 8, "", true, 7.0, 4, ""],
# expect:   [-7, false, "b", [], 7.0, 4, "b"],
# expect:   [:ok, 7.0]
# expect: ]
# expect: {[%{a: "hello", k: -41}], :ok, {:error, :a, nil}}
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
# expect:   [41151, 47750, 18053, 970],
# expect:   [],
# expect:   [u: 233, u: 8364, rest: "x"],
# expect:   [65535, 65535, 65535, 65535]
# expect: ]
# expect: [
# expect:   {<<30, 175, 126, 122, 30, 0, 0, 0>>, 8, 64, 30, -20610,
# expect:    <<112, 114, 101, 30, 175, 126, 122, 30, 0, 0, 0>>},
# expect:   {<<28, 0, 30, 122, 28, 0, 0, 0>>, 8, 64, 28, 30,
# expect:    <<112, 114, 101, 28, 0, 30, 122, 28, 0, 0, 0>>},
# expect:   {<<7, 0, 1, 122, 7, 0, 0, 0>>, 8, 64, 7, 1,
# expect:    <<112, 114, 101, 7, 0, 1, 122, 7, 0, 0, 0>>},
# expect:   {<<0, 0, 0, 122, 0, 0, 0, 0>>, 8, 64, 0, 0,
# expect:    <<112, 114, 101, 0, 0, 0, 122, 0, 0, 0, 0>>}
# expect: ]
# expect: [lt: "x", two: 195, lt: "", other: 3, nb: :a, nb: <<1::size(1)>>, two: 364]
# expect: [
# expect:   [0, {0, 0}, -1],
# expect:   [0, {0, 0}, -1],
# expect:   [0, {0, 0}, -1],
# expect:   [0, {0, 0}, -1],
# expect:   [0, {0, 0}, -1],
# expect:   [0, {0, 0}, -1]
# expect: ]
# expect: {:a, 948753, 0}
# expect: [
# expect:   1.0,
# expect:   {:err, ArgumentError},
# expect:   {:err, ArgumentError},
# expect:   26,
# expect:   {:err, ArgumentError},
# expect:   1.152921504606847e18
# expect: ]
