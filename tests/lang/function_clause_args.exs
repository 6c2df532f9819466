# A FunctionClauseError's stacktrace holds the arguments in its first entry, as
# on the BEAM, at the first clause's line; an fn's error names it
# "anonymous fn/N in M.f/A" (Elixir 1.14).
defmodule M do
  def g(a, b) when a > b, do: :gt
  def g(a, b) when is_atom(a), do: b
  def h(z), do: (fn 1, 2 -> z end).(2, 3)
end
try do
  M.g(1, %{k: [1, 2]})
rescue
  e ->
    [{mod, fun, args, loc} | _] = __STACKTRACE__
    IO.inspect({mod, fun, args})
    IO.puts Exception.message(e)
    IO.inspect Keyword.get(loc, :line)
end
try do
  M.h(0)
rescue
  e ->
    [{_, _, args, _} | _] = __STACKTRACE__
    IO.inspect(args)
    IO.puts Exception.message(e)
end
# expect: {M, :g, [1, %{k: [1, 2]}]}
# expect: no function clause matching in M.g/2
# expect: 5
# expect: [2, 3]
# expect: no function clause matching in anonymous fn/2 in M.h/1
