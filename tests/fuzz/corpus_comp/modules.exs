# Modules, defaults, multi-clause functions, structs, captures, closures.
defmodule Shape do
  defstruct kind: :circle, size: 1

  @pi 3
  def area(%Shape{kind: :circle, size: s}), do: @pi * s * s
  def area(%Shape{kind: :square, size: s}), do: s * s

  def greet(name, greeting \\ "hello"), do: "#{greeting} #{name}"

  def count(list), do: count(list, 0)
  defp count([], n), do: n
  defp count([_ | t], n), do: count(t, n + 1)

  def adder(n), do: fn x -> x + n end
end

IO.inspect(Shape.area(%Shape{size: 2}))
IO.inspect(Shape.area(%Shape{kind: :square, size: 3}))
IO.inspect(%Shape{})
IO.puts(Shape.greet("bob"))
IO.puts(Shape.greet("bob", "hi"))
IO.inspect(Shape.count(Enum.to_list(1..100_000)))
add5 = Shape.adder(5)
IO.inspect(add5.(1))
IO.inspect(Enum.map([1, 2], &Shape.greet/1))
IO.inspect(Enum.map([1, 2], &(&1 * 10)))
IO.inspect([1, 2, 3] |> Enum.map(fn x -> x + 1 end) |> Enum.sum())
s = %Shape{size: 5}
s = %{s | size: 6}
IO.inspect(s.size)
defmodule Shape.Nested do
  def hi, do: __MODULE__
end
IO.inspect(Shape.Nested.hi())
# expect: 12
# expect: 9
# expect: %Shape{kind: :circle, size: 1}
# expect: hello bob
# expect: hi bob
# expect: 100000
# expect: 6
# expect: ["hello 1", "hello 2"]
# expect: [10, 20]
# expect: 9
# expect: 6
# expect: Shape.Nested
