# Protocol.assert_protocol!/1, assert_impl!/2 and consolidated?/1 as Elixir 1.14
# answers (Elixir's own impls of the standard protocols count). Expected
# output from Elixir 1.14.
defprotocol Pz do
  def f(x)
end
defimpl Pz, for: Integer do
  def f(x), do: x
end
defmodule NotImpl do
  def x, do: 1
end
IO.inspect Protocol.assert_protocol!(Pz)
IO.inspect Protocol.assert_protocol!(Enumerable)
IO.inspect Protocol.assert_impl!(Pz, Integer)
IO.inspect Protocol.assert_impl!(String.Chars, Integer)
IO.inspect Protocol.assert_impl!(Enumerable, Range)
IO.inspect Protocol.assert_impl!(Inspect, Map)
IO.inspect(try do Protocol.assert_protocol!(Enum) rescue e -> Exception.message(e) end)
IO.inspect(try do Protocol.assert_protocol!(Nope) rescue e -> Exception.message(e) end)
IO.inspect(try do Protocol.assert_impl!(Pz, Float) rescue e -> Exception.message(e) end)
IO.inspect(try do Protocol.assert_impl!(Pz, Enum) rescue e -> Exception.message(e) end)
IO.inspect Protocol.consolidated?(Pz)
IO.inspect Protocol.consolidated?(Enumerable)
# expect: :ok
# expect: :ok
# expect: :ok
# expect: :ok
# expect: :ok
# expect: :ok
# expect: "Enum is not a protocol"
# expect: "could not load module Nope due to reason :nofile"
# expect: "could not load module Pz.Float due to reason :nofile"
# expect: "could not load module Pz.Enum due to reason :nofile"
# expect: false
# expect: false
