# Captures and applies of Kernel.inspect/to_string use a user's Inspect and
# String.Chars impls, as direct calls do; the capture still prints as
# &Kernel.inspect/1. Expected output from Elixir 1.14.
defmodule P do
  defstruct a: 1
end

defimpl Inspect, for: P do
  def inspect(p, _), do: "#P<#{p.a}>"
end

defimpl String.Chars, for: P do
  def to_string(p), do: "P#{p.a}"
end

defmodule M do
  def run do
    x = %P{a: 2}
    IO.puts(inspect(x))
    f = &Kernel.inspect/1
    IO.puts(f.(x))
    IO.puts((&inspect/1).(x))
    IO.puts((&to_string/1).(x))
    IO.puts((&Kernel.to_string/1).(x))
    IO.puts(apply(Kernel, :inspect, [x]))
    IO.puts(apply(Kernel, :inspect, [[x, 1], [limit: 5]]))
    IO.inspect(Enum.map([x, 1], &inspect/1))
    IO.inspect(Enum.map([x, :a], &to_string/1))
    IO.inspect(Enum.map([{x}], &Kernel.inspect/1))
    IO.puts(inspect(&Kernel.inspect/1))
    IO.puts((&Kernel.inspect/2).(x, []))
    IO.puts((&inspect/2).(x, []))
    IO.puts(Kernel.inspect([1, 2], limit: 1))
    IO.puts(apply(Kernel, :inspect, [%{b: 1}]))
  end
end

M.run()

# expect: #P<2>
# expect: #P<2>
# expect: #P<2>
# expect: P2
# expect: P2
# expect: #P<2>
# expect: [#P<2>, 1]
# expect: ["#P<2>", "1"]
# expect: ["P2", "a"]
# expect: ["{#P<2>}"]
# expect: &Kernel.inspect/1
# expect: #P<2>
# expect: #P<2>
# expect: [1, ...]
# expect: %{b: 1}
