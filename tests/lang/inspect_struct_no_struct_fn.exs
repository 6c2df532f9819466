# A map whose __struct__ names a module without __struct__/0 prints as a
# plain map, as Elixir 1.14; structs with printers are unchanged.
defmodule Plain do
  def f, do: 1
end
IO.inspect(%{__struct__: Enum, a: 1})
IO.inspect(%{__struct__: Plain, a: 1})
IO.inspect(~r/ab+/)
IO.inspect(MapSet.new([1]))
IO.inspect(1..2)
IO.inspect(%{__struct__: Range, first: 1, last: 2, step: 1})
IO.inspect(~D[2020-01-02])
IO.inspect(URI.parse("http://x"))
IO.inspect(%ArgumentError{message: "x"})
IO.inspect(%{__struct__: String, a: 1})
IO.inspect(%{__struct__: :lists, a: 1})

# expect: %{__struct__: Enum, a: 1}
# expect: %{__struct__: Plain, a: 1}
# expect: ~r/ab+/
# expect: MapSet.new([1])
# expect: 1..2
# expect: 1..2
# expect: ~D[2020-01-02]
# expect: %URI{
# expect:   scheme: "http",
# expect:   authority: "x",
# expect:   userinfo: nil,
# expect:   host: "x",
# expect:   port: 80,
# expect:   path: nil,
# expect:   query: nil,
# expect:   fragment: nil
# expect: }
# expect: %ArgumentError{message: "x"}
# expect: %{__struct__: String, a: 1}
# expect: %{__struct__: :lists, a: 1}
