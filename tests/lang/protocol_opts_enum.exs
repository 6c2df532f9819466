# Inspect options reach a user's impl and what it nests (to_doc with base:,
# binaries:, limit:), structs: false skips impls, and a user Enumerable
# drives Enum/Stream/for. Expected output from Elixir 1.14.
defmodule Pt do
  defstruct x: 0
end
defimpl Inspect, for: Pt do
  import Inspect.Algebra
  def inspect(p, opts), do: concat(["#Pt<", to_doc(p.x, opts), ">"])
end
defmodule Bag do
  defstruct items: []
  defimpl Enumerable do
    def count(b), do: {:ok, length(b.items)}
    def member?(b, x), do: {:ok, x in b.items}
    def reduce(b, acc, fun), do: Enumerable.List.reduce(b.items, acc, fun)
    def slice(_), do: {:error, __MODULE__}
  end
end
p = struct(Pt, x: 5)
IO.puts inspect(p, structs: false)
IO.puts inspect([p], structs: false)
IO.puts inspect(p, limit: 1)
IO.puts inspect(struct(Pt, x: [1, 2, 3]), limit: 2)
IO.puts inspect(struct(Pt, x: "s"), binaries: :as_binaries)
IO.puts inspect(struct(Pt, x: 255), base: :hex)
IO.puts inspect(%{a: p}, pretty: true, width: 5)
b = struct(Bag, items: [3, 1, 2])
IO.inspect Enum.sort(b)
IO.inspect Enum.count(b)
IO.inspect Enum.member?(b, 2)
IO.inspect Enum.at(b, 1)
IO.inspect Enum.slice(b, 1..2)
IO.inspect Enum.take(b, 2)
IO.inspect Enum.reverse(b)
IO.inspect Enum.to_list(b)
IO.inspect Enum.sum(b)
IO.inspect Enum.zip(b, [:a, :b, :c])
IO.inspect Stream.map(b, & &1 * 2) |> Enum.to_list()
IO.inspect for x <- b, do: x + 1
IO.inspect Enum.sort_by(b, & -&1)
IO.inspect Enum.max(b)
IO.inspect Enumerable.impl_for(b)
IO.inspect Enum.empty?(b)
IO.inspect Enum.find(b, &(&1 < 3))
IO.inspect Enum.into(b, [])
IO.inspect MapSet.new(b)
IO.inspect Enum.join(b, ",")
# expect: %{__struct__: Pt, x: 5}
# expect: [%{__struct__: Pt, x: 5}]
# expect: #Pt<5>
# expect: #Pt<[1, 2, ...]>
# expect: #Pt<<<115>>>
# expect: #Pt<0xFF>
# expect: %{
# expect:   a: #Pt<5>
# expect: }
# expect: [1, 2, 3]
# expect: 3
# expect: true
# expect: 1
# expect: [1, 2]
# expect: [3, 1]
# expect: [2, 1, 3]
# expect: [3, 1, 2]
# expect: 6
# expect: [{3, :a}, {1, :b}, {2, :c}]
# expect: [6, 2, 4]
# expect: [4, 2, 3]
# expect: [3, 2, 1]
# expect: 3
# expect: Enumerable.Bag
# expect: false
# expect: 1
# expect: [3, 1, 2]
# expect: MapSet.new([1, 2, 3])
# expect: "3,1,2"
