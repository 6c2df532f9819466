# IO.puts/1,2 of a struct with String.Chars, Enum.join/map_join of structs
# (expected output from Elixir 1.14)
defmodule Pt do
  defstruct x: 0
end

defimpl String.Chars, for: Pt do
  def to_string(p), do: "pt#{p.x}"
end

defimpl Inspect, for: Pt do
  def inspect(p, _opts), do: "#Pt<#{p.x}>"
end

defmodule Main do
  def run do
    IO.puts(%Pt{x: 1})
    IO.puts(["a", "b"])
    IO.puts(:stdio, %Pt{x: 9})
    IO.write(["w", "\n"])
    IO.puts(Enum.join([%Pt{x: 1}, %Pt{x: 2}], ","))
    IO.puts(Enum.map_join([1, 2], "-", fn i -> %Pt{x: i} end))
  end
end

Main.run()

# expect: pt1
# expect: ab
# expect: pt9
# expect: w
# expect: pt1,pt2
# expect: pt1-pt2
