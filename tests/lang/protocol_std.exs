# impl_for/1, impl_for!/1 and __protocol__/1 of the standard protocols, and
# their functions called by name, as Elixir 1.14 answers (lib/proto.c,
# lib/ex/protocols.ex). Expected output from Elixir 1.14.
defmodule U do
  defstruct a: 1
end

defmodule Bag do
  defstruct items: []
end

defimpl String.Chars, for: U do
  def to_string(u), do: "U#{u.a}"
end

defimpl Inspect, for: U do
  def inspect(u, _opts), do: "#U<#{u.a}>"
end

defimpl List.Chars, for: U do
  def to_charlist(u), do: ~c"u" ++ Integer.to_charlist(u.a)
end

defimpl Collectable, for: Bag do
  def into(bag) do
    {bag.items, fn
      acc, {:cont, x} -> [x | acc]
      acc, :done -> %Bag{items: acc}
      _, :halt -> :ok
    end}
  end
end

u = struct(U, a: 7)
values = [[1], [], %{}, %{a: 1}, 1, 1.5, :a, nil, "s", <<1::3>>, {1}, 1..2, MapSet.new([1]), &is_atom/1, u, struct(Bag)]

for p <- [Enumerable, Collectable, Inspect, String.Chars, List.Chars] do
  IO.puts("#{inspect(p)}: #{inspect(Enum.map(values, &p.impl_for/1))}")
  IO.puts("#{inspect(p)}: #{inspect(p.__protocol__(:functions))} #{inspect(p.__protocol__(:module))}")
end

IO.inspect(Enumerable.impl_for!([]))
IO.inspect(Inspect.impl_for!(struct(Bag)))

for {p, v} <- [{Enumerable, 1}, {Collectable, {1}}, {String.Chars, %{a: 1}}, {List.Chars, {}}] do
  try do
    p.impl_for!(v)
  rescue
    e in Protocol.UndefinedError -> IO.puts(Exception.message(e))
  end
end

IO.inspect(Enum.map([u, 12, :x, "s", [?a]], &String.Chars.to_string/1))
IO.inspect(Enum.map([u, 12, :x, "s", 1.5], &List.Chars.to_charlist/1))
IO.inspect(Inspect.inspect(u, %Inspect.Opts{}))
IO.inspect(Inspect.inspect(12, %Inspect.Opts{}))
IO.inspect(Enum.into([1, 2], struct(Bag)))
{acc, fun} = Collectable.into([0])
IO.inspect(fun.(fun.(acc, {:cont, 1}), :done))
{acc, fun} = Collectable.into(%{a: 1})
IO.inspect(fun.(fun.(acc, {:cont, {:b, 2}}), :done))
{acc, fun} = Collectable.into("ab")
IO.inspect(fun.(fun.(acc, {:cont, "c"}), :done))
{acc, fun} = Collectable.into(struct(Bag, items: [:z]))
IO.inspect(fun.(fun.(acc, {:cont, :y}), :done))
IO.puts("#{u} #{inspect(u)} #{inspect([u, {u}, %{k: u}])}")
IO.inspect(to_charlist(u))
# expect: Enumerable: [Enumerable.List, Enumerable.List, Enumerable.Map, Enumerable.Map, nil, nil, nil, nil, nil, nil, nil, Enumerable.Range, Enumerable.MapSet, Enumerable.Function, nil, nil]
# expect: Enumerable: [count: 1, member?: 2, reduce: 3, slice: 1] Enumerable
# expect: Collectable: [Collectable.List, Collectable.List, Collectable.Map, Collectable.Map, nil, nil, nil, nil, Collectable.BitString, Collectable.BitString, nil, nil, Collectable.MapSet, nil, nil, Collectable.Bag]
# expect: Collectable: [into: 1] Collectable
# expect: Inspect: [Inspect.List, Inspect.List, Inspect.Map, Inspect.Map, Inspect.Integer, Inspect.Float, Inspect.Atom, Inspect.Atom, Inspect.BitString, Inspect.BitString, Inspect.Tuple, Inspect.Range, Inspect.MapSet, Inspect.Function, Inspect.U, Inspect.Any]
# expect: Inspect: [inspect: 2] Inspect
# expect: String.Chars: [String.Chars.List, String.Chars.List, nil, nil, String.Chars.Integer, String.Chars.Float, String.Chars.Atom, String.Chars.Atom, String.Chars.BitString, String.Chars.BitString, nil, nil, nil, nil, String.Chars.U, nil]
# expect: String.Chars: [to_string: 1] String.Chars
# expect: List.Chars: [List.Chars.List, List.Chars.List, nil, nil, List.Chars.Integer, List.Chars.Float, List.Chars.Atom, List.Chars.Atom, List.Chars.BitString, List.Chars.BitString, nil, nil, nil, nil, List.Chars.U, nil]
# expect: List.Chars: [to_charlist: 1] List.Chars
# expect: Enumerable.List
# expect: Inspect.Any
# expect: protocol Enumerable not implemented for 1 of type Integer
# expect: protocol Collectable not implemented for {1} of type Tuple
# expect: protocol String.Chars not implemented for %{a: 1} of type Map
# expect: protocol List.Chars not implemented for {} of type Tuple
# expect: ["U7", "12", "x", "s", "a"]
# expect: ['u7', '12', 'x', 's', '1.5']
# expect: "#U<7>"
# expect: "12"
# expect: %Bag{items: [2, 1]}
# expect: [0, 1]
# expect: %{a: 1, b: 2}
# expect: "abc"
# expect: %Bag{items: [:y, :z]}
# expect: U7 #U<7> [#U<7>, {#U<7>}, %{k: #U<7>}]
# expect: 'u7'
