defmodule D do
  defstruct a: 1
  defstruct b: 2, c: 3, d: 4
end
IO.inspect(%D{})
