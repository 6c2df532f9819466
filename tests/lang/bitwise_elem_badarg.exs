# Bitwise functions with a non-integer raise ArithmeticError (mote raised
# FunctionClauseError); elem/put_elem compute i + 1 as Elixir 1.14 does
# (ArithmeticError for a non-number, element's ArgumentError for a float or
# a bignum), and :erlang.element/setelement list every bad argument.
import Bitwise
show = fn f ->
  try do
    IO.inspect(f.())
  rescue
    e -> IO.write(inspect(e.__struct__) <> ": " <> Exception.message(e) <> "\n")
  end
end
x = 1.5
a = :a
for f <- [fn -> band(x, 3) end, fn -> band(a, 3) end, fn -> bor(1, x) end, fn -> bxor(a, 1) end,
          fn -> bsl(x, 2) end, fn -> bsr(1, a) end, fn -> bnot(x) end, fn -> Bitwise.band(12, 10) end,
          fn -> Bitwise.bsl(1, 70) end, fn -> Bitwise.bnot(5) end] do
  show.(f)
end
t = {1, 2}
for i <- [:a, 1.0, 100000000000000000000, -1, 5, "x", 1] do
  show.(fn -> elem(t, i) end)
  show.(fn -> put_elem(t, i, :v) end)
end
for {i, t} <- [{5, [1]}, {0, :a}, {2.0, {1}}, {1.0e30, [1]}, {100000000000000000000, :x}, {0, {}}] do
  show.(fn -> :erlang.element(i, t) end)
  show.(fn -> :erlang.setelement(i, t, 0) end)
end
g = fn
  t, i when elem(t, i) == 1 -> :first
  _, _ -> :other
end
IO.inspect({g.({1}, 0), g.({1}, :a), g.({1}, 1.0), g.([1], 0)})
# expect: ArithmeticError: bad argument in arithmetic expression
# expect: ArithmeticError: bad argument in arithmetic expression
# expect: ArithmeticError: bad argument in arithmetic expression
# expect: ArithmeticError: bad argument in arithmetic expression
# expect: ArithmeticError: bad argument in arithmetic expression
# expect: ArithmeticError: bad argument in arithmetic expression
# expect: ArithmeticError: bad argument in arithmetic expression
# expect: 8
# expect: 1180591620717411303424
# expect: -6
# expect: ArithmeticError: bad argument in arithmetic expression
# expect: ArithmeticError: bad argument in arithmetic expression
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: not an integer
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: not an integer
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: out of range
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: out of range
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: out of range
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: out of range
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: out of range
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: out of range
# expect:
# expect: ArithmeticError: bad argument in arithmetic expression
# expect: ArithmeticError: bad argument in arithmetic expression
# expect: 2
# expect: {1, :v}
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 2nd argument: not a tuple
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 2nd argument: not a tuple
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: out of range
# expect:   * 2nd argument: not a tuple
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: out of range
# expect:   * 2nd argument: not a tuple
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: not an integer
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: not an integer
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: not an integer
# expect:   * 2nd argument: not a tuple
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: not an integer
# expect:   * 2nd argument: not a tuple
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 2nd argument: not a tuple
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 2nd argument: not a tuple
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: out of range
# expect:
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: out of range
# expect:
# expect: {:first, :other, :other, :other}
