# Redefining a module replaces it for new calls; funs made from the old
# version keep working.
defmodule R do
  def v, do: 1
  def f, do: fn -> :old end
end
old = R.f()
IO.inspect(R.v())
defmodule R do
  def v, do: 2
end
IO.inspect(R.v())
IO.inspect(old.())
IO.inspect(function_exported?(R, :f, 0))
# expect: 1
# expect: 2
# expect: :old
# expect: false
