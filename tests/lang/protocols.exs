# defprotocol/defimpl: dispatch on structs and built-in types, for: lists, nested defimpl, fallback_to_any, impl_for, __protocol__, Protocol.UndefinedError
# (expected output from Elixir 1.14)
defprotocol Shape do
  @doc "area"
  def area(s)
  def name(s, prefix)
end

defmodule Sq do
  defstruct side: 1
end

defmodule Circle do
  defstruct r: 1

  defimpl Shape do
    def area(c), do: c.r * c.r * 3
    def name(_c, p), do: p <> "circle"
  end
end

defimpl Shape, for: Sq do
  def area(s), do: s.side * s.side
  def name(_s, p), do: p <> "sq"
end

defimpl Shape, for: [Integer, Float] do
  def area(n), do: n * n
  def name(_n, p), do: p <> "num"
end

defimpl Shape, for: List do
  def area(l), do: length(l)
  def name(_l, p), do: p <> "list#{@for}"
end

defprotocol Size do
  @fallback_to_any true
  def size(x)
end

defimpl Size, for: Any do
  def size(_), do: 0
end

defimpl Size, for: Map do
  def size(m), do: map_size(m)
end

defmodule Main do
  def run do
    IO.puts Shape.area(%Sq{side: 3})
    IO.puts Shape.area(%Circle{r: 2})
    IO.puts Shape.name(%Circle{}, "a ")
    IO.puts Shape.area(4)
    IO.puts Shape.area(1.5)
    IO.puts Shape.name([1], "")
    IO.inspect Shape.impl_for(%Sq{})
    IO.inspect Shape.impl_for(:x)
    IO.inspect Shape.impl_for(4)
    IO.inspect Shape.__protocol__(:functions)
    IO.inspect Shape.__protocol__(:module)
    IO.inspect Shape.Sq.__impl__(:for)
    IO.inspect Shape.Sq.__impl__(:protocol)
    try do
      Shape.area(:foo)
    rescue
      e -> IO.puts Exception.message(e)
    end
    try do
      Shape.area("s")
    rescue
      e in Protocol.UndefinedError -> IO.puts Exception.message(e)
    end
    IO.puts Size.size(%{a: 1})
    IO.puts Size.size(%Sq{})
    IO.puts Size.size({1, 2})
    IO.inspect Size.impl_for(self())
  end
end

Main.run()

# expect: 9
# expect: 12
# expect: a circle
# expect: 16
# expect: 2.25
# expect: listElixir.List
# expect: Shape.Sq
# expect: nil
# expect: Shape.Integer
# expect: [area: 1, name: 2]
# expect: Shape
# expect: Sq
# expect: Shape
# expect: protocol Shape not implemented for :foo of type Atom
# expect: protocol Shape not implemented for "s" of type BitString
# expect: 1
# expect: 0
# expect: 0
# expect: Size.Any
