# Bitwise: the named functions (band/2 ...), callable as Bitwise.band(a, b)
# or imported. The operators &&&, |||, ^^^, <<<, >>>, ~~~ are compiled
# directly and need no import. No guards: the :erlang functions raise
# ArithmeticError for a non-integer, as Elixir 1.14's Bitwise does.
defmodule Bitwise do
  def band(a, b), do: :erlang.band(a, b)
  def bor(a, b), do: :erlang.bor(a, b)
  def bxor(a, b), do: :erlang.bxor(a, b)
  def bnot(a), do: :erlang.bnot(a)
  def bsl(a, b), do: :erlang.bsl(a, b)
  def bsr(a, b), do: :erlang.bsr(a, b)
end
