# Bitwise: the named functions (band/2 ...), callable as Bitwise.band(a, b)
# or imported. The operators &&&, |||, ^^^, <<<, >>>, ~~~ are compiled
# directly and need no import.
defmodule Bitwise do
  def band(a, b) when is_integer(a) and is_integer(b), do: :erlang.band(a, b)
  def bor(a, b) when is_integer(a) and is_integer(b), do: :erlang.bor(a, b)
  def bxor(a, b) when is_integer(a) and is_integer(b), do: :erlang.bxor(a, b)
  def bnot(a) when is_integer(a), do: :erlang.bnot(a)
  def bsl(a, b) when is_integer(a) and is_integer(b), do: :erlang.bsl(a, b)
  def bsr(a, b) when is_integer(a) and is_integer(b), do: :erlang.bsr(a, b)
end
