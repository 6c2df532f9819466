defmodule M do
  def f(x) when x > 0, do: x
  defp g(a \\ 1), do: a
end
