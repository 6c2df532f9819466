# Inspect impls of structs nested in lists, tuples, maps (values and keys), structs and keyword lists; labels and pipes
# (expected output from Elixir 1.14)
defmodule Pt do
  defstruct x: 0
end

defmodule Box do
  defstruct items: [], label: nil
end

defimpl Inspect, for: Pt do
  import Inspect.Algebra
  def inspect(p, opts), do: concat(["#Pt<", to_doc(p.x, opts), ">"])
end

defmodule Main do
  def run do
    IO.inspect([%Pt{x: 1}, %Pt{x: 2}])
    IO.inspect({:ok, %Pt{x: 3}})
    IO.inspect(%{a: %Pt{x: 4}, b: [1, 2]})
    IO.inspect(%Box{items: [%Pt{x: 5}], label: "b"})
    IO.inspect([%Pt{x: 6}], label: "list")
    IO.puts(inspect([a: %Pt{x: 7}]))
    IO.inspect([1, 2, 3])
    IO.inspect(%{%Pt{x: 8} => 1})
    IO.inspect('abc')
    IO.inspect([1 | 2])
    x = [%Pt{x: 9}] |> IO.inspect() |> length()
    IO.puts(x)
  end
end

Main.run()

# expect: [#Pt<1>, #Pt<2>]
# expect: {:ok, #Pt<3>}
# expect: %{a: #Pt<4>, b: [1, 2]}
# expect: %Box{items: [#Pt<5>], label: "b"}
# expect: list: [#Pt<6>]
# expect: [a: #Pt<7>]
# expect: [1, 2, 3]
# expect: %{#Pt<8> => 1}
# expect: 'abc'
# expect: [1 | 2]
# expect: [#Pt<9>]
# expect: 1
