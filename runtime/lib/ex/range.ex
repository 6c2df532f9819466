# Range: first..last//step is the map %{__struct__: Range, first:, last:,
# step:}; the compiler builds it for the .. and ..// operators.
defmodule Range do
  defstruct first: nil, last: nil, step: nil

  def new(first, last) when is_integer(first) and is_integer(last) do
    range(first, last, if(first <= last, do: 1, else: -1))
  end

  def new(first, last, step) when is_integer(first) and is_integer(last) and is_integer(step) and step != 0 do
    range(first, last, step)
  end

  def new(first, last, step) do
    raise ArgumentError,
          "ranges (first..last//step) expect both sides to be integers and the step to be a " <>
            "non-zero integer, got: #{inspect(first)}..#{inspect(last)}//#{inspect(step)}"
  end

  defp range(first, last, step), do: %{__struct__: Range, first: first, last: last, step: step}

  def size(%{__struct__: Range, first: f, last: l, step: s}), do: Enumerable.range_size(f, l, s)

  def shift(%{__struct__: Range, first: f, last: l, step: s}, n) when is_integer(n) do
    range(f + n * s, l + n * s, s)
  end

  def disjoint?(%{__struct__: Range} = a, %{__struct__: Range} = b) do
    if size(a) == 0 or size(b) == 0 do
      true
    else
      {a1, a2} = bounds(a)
      {b1, b2} = bounds(b)

      cond do
        a2 < b1 or b2 < a1 -> true
        a.step == 1 and b.step == 1 -> false
        true -> not Enum.any?(a, fn x -> Enumerable.member?(b, x) == {:ok, true} end)
      end
    end
  end

  # The lowest and highest elements of a non-empty range.
  defp bounds(%{first: f, last: l, step: s}) do
    last = f + (Enumerable.range_size(f, l, s) - 1) * s
    if s > 0, do: {f, last}, else: {last, f}
  end

  def to_list(range), do: Enum.to_list(range)
end
