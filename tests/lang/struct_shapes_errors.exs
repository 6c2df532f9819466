# Struct values that lost or gained keys print as maps; @enforce_keys is
# checked by struct!/2; signed literals match in patterns; error texts of
# a top-level fn's FunctionClauseError and of bad atom text.
defmodule Pt do
  @enforce_keys [:x]
  defstruct [:x, y: 0]
end

defmodule Demo do
  def run do
    p = struct!(Pt, x: 1)
    IO.inspect(p)
    IO.inspect(Map.put(p, :z, 9))
    IO.inspect(Map.delete(p, :y))
    try do
      struct!(Pt, y: 2)
    rescue
      e in ArgumentError -> IO.puts(e.message)
    end
  end

  def sign(+0.0), do: :zero
  def sign(-1), do: :minus_one
  def sign(x), do: x
end

Demo.run()
IO.inspect(Enum.map([0.0, -1, 7], &Demo.sign/1))
pick = fn :a -> 1 end
try do
  pick.(:b)
rescue
  e -> IO.puts(Exception.message(e))
end
try do
  String.to_atom(<<255>>)
rescue
  e -> IO.puts(Exception.message(e))
end
IO.inspect(Keyword.map([a: 1, b: 2], fn {_k, v} -> v * 10 end))
IO.inspect(IO.warn("to stderr only"))

# expect: %Pt{x: 1, y: 0}
# expect: %{__struct__: Pt, x: 1, y: 0, z: 9}
# expect: %{__struct__: Pt, x: 1}
# expect: the following keys must also be given when building struct Pt: [:x]
# expect: [:zero, :minus_one, 7]
# expect: no function clause matching in anonymous fn/1 in :elixir_compiler_0.__FILE__/1
# expect: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: invalid UTF8 encoding
# expect:
# expect: [a: 10, b: 20]
# expect: :ok
