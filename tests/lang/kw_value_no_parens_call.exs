# A call without parentheses as the value in the keyword list ending a call
# without parentheses takes all the arguments that follow (Elixir 1.14).
defmodule M do
  def f(x) when x > 0, do: raise ArgumentError, "bad #{x}"
  def f(x), do: x
  def g(x), do: if x, do: Enum.join ["a", "b"], "-"
end
IO.puts M.f(0)
try do
  M.f(3)
rescue
  e -> IO.puts Exception.message(e)
end
IO.puts M.g(true)
IO.inspect M.g(false)
x = if true, do: Enum.join ["x", "y"], "+"
IO.puts x
IO.inspect Keyword.get [a: 1], :a, 2
defmodule Q do
  def k(a, opts), do: {a, opts}
  def t(x), do: k x, else: 1
end
IO.inspect Q.t(5)
IO.inspect(if false, do: 1, else: 2)
# expect: 0
# expect: bad 3
# expect: a-b
# expect: nil
# expect: x+y
# expect: 1
# expect: {5, [else: 1]}
# expect: 2
